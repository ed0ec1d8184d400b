/// An error of the tool itself rather than of the SDK: a token command that failed, or a request the tool refuses.
public enum ToolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `--token-command` could not be started or exited with a non-zero status.
    case tokenCommandFailed(command: String, reason: String)
    /// The `--token-command` printed nothing (after trimming whitespace).
    case tokenCommandPrintedNothing(command: String)
    /// The `--token-command` did not finish in time, and was stopped.
    case tokenCommandTimedOut(command: String, after: Duration)
    /// The arguments make no sense together, or something the tool needs is missing.
    case usage(String)
    /// A permission preflight found that the caller lacks a permission the command needs (the message names it);
    /// nothing was created or changed. The service would have answered `403`, so it ends the tool like one.
    case missingPermissions(String)

    /// The exit status this error ends the tool with.
    public var exitCode: CLIExitCode {
        switch self {
        case .tokenCommandFailed, .tokenCommandPrintedNothing, .tokenCommandTimedOut: return .general
        case .usage: return .usage
        case .missingPermissions: return .api
        }
    }

    /// A readable description (it never holds a token).
    public var description: String {
        switch self {
        case .tokenCommandFailed(let command, let reason):
            return "The token command failed (\(reason)): \(command)"
        case .tokenCommandPrintedNothing(let command):
            return "The token command printed no token on its standard output: \(command)"
        case .tokenCommandTimedOut(let command, let after):
            let seconds = Double(after.components.seconds) + Double(after.components.attoseconds) / 1e18
            let time = seconds == seconds.rounded() ? "\(Int(seconds)) s" : TextFormat.seconds(seconds)
            return "The token command did not finish within \(time) and was stopped: \(command)"
        case .usage(let message), .missingPermissions(let message):
            return message
        }
    }
}
