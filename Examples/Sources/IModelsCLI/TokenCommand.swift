import Foundation
import IModelsClient

/// A shell command whose standard output is the access token (`--token-command "..."`), so the token never appears
/// on the command line or in the shell's history.
///
/// The command runs with `/bin/sh -c`; its standard error and input are the tool's. Its output is trimmed, and a
/// leading `Bearer ` is dropped. As an ``AccessTokenProvider`` it runs the command once and keeps the token, and runs
/// it again when the SDK asks for a fresh token after a `401`.
public final class TokenCommand: AccessTokenProvider, CustomStringConvertible {
    /// The command line given to `/bin/sh -c`.
    public let command: String
    private let cached = Protected<String?>(nil)

    /// Creates the provider; nothing runs until a token is asked for.
    public init(_ command: String) { self.command = command }

    /// The token: the one read before, unless `forceRefresh`, else the command's output.
    public func accessToken(forceRefresh: Bool) async throws -> String {
        if !forceRefresh, let token = cached.withLock({ $0 }) { return token }
        let token = try await Self.read(command)
        cached.withLock { $0 = token }
        return token
    }

    /// Runs `command` with `/bin/sh -c` and returns its trimmed standard output, without a leading `Bearer `.
    public static func read(_ command: String) async throws -> String {
        let output = try await run(command)
        let token = token(fromOutput: output)
        guard !token.isEmpty else { throw ToolError.tokenCommandPrintedNothing(command: command) }
        return token
    }

    /// The token in a command's output: whitespace and newlines trimmed, a leading `Bearer ` (any case) dropped.
    public static func token(fromOutput output: String) -> String {
        var token = output.trimmingCharacters(in: .whitespacesAndNewlines)
        if token.lowercased().hasPrefix("bearer ") {
            token = String(token.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        }
        return token
    }

    /// Runs the command on a background thread (`Process` blocks) and returns its standard output.
    private static func run(_ command: String) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["-c", command]
                let output = Pipe()
                process.standardOutput = output
                do {
                    try process.run()
                } catch {
                    continuation.resume(
                        throwing: ToolError.tokenCommandFailed(
                            command: command, reason: "could not start /bin/sh: \(error.localizedDescription)"))
                    return
                }
                let data = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                guard process.terminationReason == .exit, process.terminationStatus == 0 else {
                    let reason =
                        process.terminationReason == .exit
                        ? "exit status \(process.terminationStatus)" : "killed by signal \(process.terminationStatus)"
                    continuation.resume(throwing: ToolError.tokenCommandFailed(command: command, reason: reason))
                    return
                }
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }
        }
    }

    /// `TokenCommand(<command>)`: the command, never the token.
    public var description: String { "TokenCommand(\(command))" }
}
