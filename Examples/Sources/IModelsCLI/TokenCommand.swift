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

/// `/bin/sh -c <command>` in its own process group, its standard output read through a pipe.
private final class ChildProcess: Sendable {
    enum Stop { case cancelled, timedOut, outputTooLong }

    private struct State {
        var stop: Stop?
        var exited = false
        var continuation: CheckedContinuation<String, any Error>?
        var resumed = false
    }

    let command: String
    let pid: pid_t
    private let output: Int32
    private let state = Protected(State())
    private let timeout = Protected<Duration>(.zero)

    /// Starts the command.
    init(command: String, environment: [String: String]) throws {
        self.command = command
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw Self.failure(command, "could not make a pipe", errno) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        defer { close(ends[1]) }

        #if canImport(Darwin)
            var actions: posix_spawn_file_actions_t?
            var attributes: posix_spawnattr_t?
        #else
            var actions = posix_spawn_file_actions_t()
            var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_adddup2(&actions, ends[1], STDOUT_FILENO)
        if isatty(STDIN_FILENO) == 1 {
            posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        }
        // Its own process group (so it can be stopped with everything it started), with the signals the tool
        // ignores or handles (SIGINT while a command runs, SIGPIPE) back to their defaults, and none blocked.
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        posix_spawnattr_setflags(&attributes, Int16(flags))
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGQUIT, SIGPIPE, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)

        let words: [String] = ["/bin/sh", "-c", command]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        // Not the tool's own token: the command is asked for one, and has no business with another.
        let variables = environment.filter { $0.key != Credentials.environmentVariable }
            .map { "\($0.key)=\($0.value)" }
        let environment: [UnsafeMutablePointer<CChar>?] = variables.map { strdup($0) } + [nil]
        defer { for pointer in arguments + environment { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, "/bin/sh", &actions, &attributes, arguments, environment)
        guard status == 0 else {
            close(ends[0])
            throw Self.failure(command, "could not start /bin/sh", status)
        }
        self.pid = pid
        output = ends[0]
    }

    /// Reads the output on a background thread, and stops the command after `timeout`; the continuation is
    /// resumed once, when the command has ended.
    func start(_ continuation: CheckedContinuation<String, any Error>, timeout: Duration) {
        state.withLock { $0.continuation = continuation }
        self.timeout.withLock { $0 = timeout }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in stop(.timedOut) }
        Thread.detachNewThread { [self] in
            let data = readToEnd()
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            state.withLock { $0.exited = true }
            finish(outcome(status: status, data: data))
        }
    }

    /// Stops the command: SIGTERM (and SIGCONT, should it be stopped) to its process group, SIGKILL 2 s later.
    func stop(_ reason: Stop) {
        let first = state.withLock { state -> Bool in
            guard state.stop == nil, !state.exited else { return false }
            state.stop = reason
            return true
        }
        guard first else { return }
        kill(-pid, SIGTERM)
        kill(-pid, SIGCONT)
        DispatchQueue.global().asyncAfter(deadline: .now() + 2) { [self] in
            guard !state.withLock({ $0.exited }) else { return }
            kill(-pid, SIGKILL)
            // Something outside the group may still hold the pipe open: do not wait for it.
            DispatchQueue.global().asyncAfter(deadline: .now() + 1) { [self] in
                finish(.failure(error(for: reason)))
            }
        }
    }

    /// Reads the output until it ends, or until it passes ``TokenCommand/outputLimit`` (then the command is stopped,
    /// and the pipe closed so that it cannot block writing).
    private func readToEnd() -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
                if data.count > TokenCommand.outputLimit {
                    stop(.outputTooLong)
                    data = Data()
                    break
                }
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        close(output)
        return data
    }

    private func outcome(status: Int32, data: Data) -> Result<String, any Error> {
        if let reason = state.withLock({ $0.stop }) { return .failure(error(for: reason)) }
        let signal = status & 0x7f
        if signal == 0 {
            let code = (status >> 8) & 0xff
            guard code == 0 else {
                return .failure(ToolError.tokenCommandFailed(command: command, reason: "exit status \(code)"))
            }
            return .success(String(decoding: data, as: UTF8.self))
        }
        return .failure(ToolError.tokenCommandFailed(command: command, reason: "killed by signal \(signal)"))
    }

    private func error(for reason: Stop) -> any Error {
        switch reason {
        case .cancelled:
            return CancellationError()
        case .timedOut:
            return ToolError.tokenCommandTimedOut(command: command, after: timeout.withLock { $0 })
        case .outputTooLong:
            return ToolError.tokenCommandFailed(
                command: command, reason: "it printed more than \(TokenCommand.outputLimit / 1024) KiB")
        }
    }

    private func finish(_ result: Result<String, any Error>) {
        let continuation = state.withLock { state -> CheckedContinuation<String, any Error>? in
            guard !state.resumed else { return nil }
            state.resumed = true
            return state.continuation
        }
        continuation?.resume(with: result)
    }

    private static func failure(_ command: String, _ what: String, _ code: Int32) -> ToolError {
        .tokenCommandFailed(command: command, reason: "\(what): \(String(cString: strerror(code)))")
    }
}
