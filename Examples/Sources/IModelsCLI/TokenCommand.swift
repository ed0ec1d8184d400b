import Foundation
import IModelsClient

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A shell command whose standard output is the access token (`--token-command "..."`), so the token never appears
/// on the command line or in the shell's history.
///
/// The command runs with `/bin/sh -c`, in its own process group: its standard error is the tool's, and so is its
/// standard input unless that is a terminal (then it reads `/dev/null`, as a process group in the background cannot
/// read the terminal). It gets the tool's environment (or the one given) without `ITWIN_ACCESS_TOKEN`. Its output is trimmed, and a
/// leading `Bearer ` is dropped; output of more than one line (or with another control character), or of more than
/// ``outputLimit`` bytes, is refused. It is stopped (SIGTERM to its process group, SIGKILL 2 s later) when the task
/// that waits for it is cancelled, as Ctrl-C does, when its output passes the limit, and when it has not finished
/// after ``timeout`` (60 s by default). As an ``AccessTokenProvider`` it runs the command once and keeps the token,
/// and runs it again when the SDK asks for a fresh token after a `401`. Its description and mirror (what `print`,
/// `dump` and debuggers show) never show the token.
public final class TokenCommand: AccessTokenProvider, CustomStringConvertible {
    /// How long a token command may run before it is stopped: 60 s.
    public static let defaultTimeout = Duration.seconds(60)
    /// The most a token command may print: 64 KiB (an access token is a few KiB at most).
    public static let outputLimit = 64 * 1024

    /// The command line given to `/bin/sh -c`.
    public let command: String
    /// How long the command may run.
    public let timeout: Duration
    private let environment: [String: String]
    private let cached = Protected<String?>(nil)

    /// Creates the provider; nothing runs until a token is asked for. The command gets `environment` (the tool's by
    /// default) without `ITWIN_ACCESS_TOKEN`.
    public init(
        _ command: String, timeout: Duration = TokenCommand.defaultTimeout,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.command = command
        self.timeout = timeout
        self.environment = environment
    }

    /// The token: the one read before, unless `forceRefresh`, else the command's output.
    public func accessToken(forceRefresh: Bool) async throws -> String {
        if !forceRefresh, let token = cached.withLock({ $0 }) { return token }
        let token = try await Self.read(command, timeout: timeout, environment: environment)
        cached.withLock { $0 = token }
        return token
    }

    /// Refuses a blank command (`--token-command ""`): there is nothing to run.
    public static func validate(_ command: String) throws {
        if command.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ToolError.usage(
                "--token-command must not be blank: give a command that prints the token, or leave --token-command "
                    + "out to use \(Credentials.environmentVariable) or the simulator.")
        }
    }

    /// Runs `command` with `/bin/sh -c` and returns its trimmed standard output, without a leading `Bearer `.
    /// The command gets `environment` (the tool's by default) without `ITWIN_ACCESS_TOKEN`.
    public static func read(
        _ command: String, timeout: Duration = defaultTimeout,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> String {
        try validate(command)
        let output = try await run(command, timeout: timeout, environment: environment)
        let token = token(fromOutput: output)
        guard !token.isEmpty else { throw ToolError.tokenCommandPrintedNothing(command: command) }
        if token.unicodeScalars.contains(where: TerminalText.isControl) {
            let lines = token.contains(where: \.isNewline)
            throw ToolError.tokenCommandFailed(
                command: command,
                reason: lines
                    ? "it printed more than one line; a token command prints the token alone"
                    : "its output holds a control character")
        }
        return token
    }

    /// The token in a command's output: whitespace and newlines trimmed, a leading `Bearer ` (any case) dropped; a
    /// lone `Bearer` is no token (`""`).
    public static func token(fromOutput output: String) -> String {
        let token = output.trimmingCharacters(in: .whitespacesAndNewlines)
        guard token.lowercased().hasPrefix("bearer") else { return token }
        let rest = token.dropFirst("bearer".count)
        guard let first = rest.first else { return "" }
        guard first.isWhitespace else { return token }
        return rest.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Kills (SIGKILL) the process groups of the token commands still running, for a second Ctrl-C, which ends the
    /// tool at once.
    public static func killRunning() {
        for group in running.withLock({ $0 }) { kill(-group, SIGKILL) }
    }

    private static let running = Protected<Set<pid_t>>([])

    /// Runs the command and returns its standard output, or throws: the command failed, it timed out, or the task
    /// was cancelled (`CancellationError`).
    private static func run(_ command: String, timeout: Duration, environment: [String: String]) async throws
        -> String
    {
        try Task.checkCancellation()
        let child = try ChildProcess(command: command, environment: environment)
        running.withLock { _ = $0.insert(child.pid) }
        defer { running.withLock { _ = $0.remove(child.pid) } }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                child.start(continuation, timeout: timeout)
            }
        } onCancel: {
            child.stop(.cancelled)
        }
    }

    /// `TokenCommand(<command>)`: the command, never the token.
    public var description: String { "TokenCommand(\(command))" }
}

extension TokenCommand: CustomDebugStringConvertible, CustomReflectable {
    /// The same as ``description``: never the token.
    public var debugDescription: String { description }

    /// The command and the timeout, and whether a token is kept (as `<redacted>`), so `dump` never shows it.
    public var customMirror: Mirror {
        let kept = cached.withLock { $0 != nil }
        return Mirror(
            self, children: ["command": command, "timeout": timeout, "token": kept ? "<redacted>" : "none"],
            displayStyle: .class)
    }
}
