import Foundation
import IModelsClient

/// The exit codes of `imodels`, documented in its `--help` and in `Examples/README.md`.
public enum CLIExitCode: Int32, Sendable, CaseIterable, Codable {
    /// Done.
    case success = 0
    /// Anything else: the token command failed or timed out, an untrusted URL was refused, standard output or error
    /// could not be written, an unexpected error.
    case general = 1
    /// Bad arguments or options (or ones with no effect together), or a request refused before sending anything.
    case usage = 2
    /// The service answered with an error (including a `429` the tool could not wait out) or an unreadable answer, or
    /// a permission preflight found a permission missing (what the service would refuse with `403`).
    case api = 3
    /// No answer came back: the connection was refused or lost, or the request timed out.
    case transport = 4
    /// The iModel's creation or the transformation run ended in failure (or was aborted).
    case failed = 5
    /// A wait reached `--timeout`; the server's work goes on.
    case timedOut = 6
    /// No usable login: the stored token file is refused (others can read it) or unreadable, a stored login expired
    /// and could not be renewed, or the authorization server refused the sign-in.
    case auth = 7
    /// Ctrl-C stopped the command; the server's work goes on.
    case interrupted = 130

    /// The exit status for an error thrown by a command.
    public init(for error: any Error) {
        switch error {
        case let error as ITwinClientError:
            switch error {
            case .api, .decoding, .missingPermissions: self = .api
            case .transport: self = .transport
            case .invalidRequest: self = .usage
            case .untrustedURL, .ambiguousOutcome: self = .general
            case .tokenProviderFailed(_, let underlying): self = CLIExitCode(for: underlying)
            case .creationFailed, .transformationFailed: self = .failed
            case .timedOut: self = .timedOut
            }
        case let error as ToolError:
            self = error.exitCode
        case is LoginError, is TokenRequestError:
            self = .auth
        case is InterruptedError, is CancellationError:
            self = .interrupted
        default:
            self = .general
        }
    }

    /// One line of the exit-code table.
    public var summary: String {
        switch self {
        case .success: return "success"
        case .general: return "general error (the token command failed, output could not be written, ...)"
        case .usage: return "usage error (bad or conflicting arguments, or refused before sending)"
        case .api: return "API error (the service answered 401, 403, 404, 409, 429, 5xx, ...)"
        case .transport: return "transport error (no answer: connection refused or lost, timeout)"
        case .failed: return "the creation or the transformation failed (or was aborted)"
        case .timedOut: return "--timeout reached (the server's work goes on)"
        case .auth: return "sign-in error (stored login refused, expired or not renewable; sign-in refused)"
        case .interrupted: return "interrupted by Ctrl-C (the server's work goes on)"
        }
    }

    /// The exit-code table, one `code  meaning` line per status.
    public static var table: String {
        allCases.map { status in
            let code = String(status.rawValue)
            return String(repeating: " ", count: max(0, 3 - code.count)) + code + "  " + status.summary
        }
        .joined(separator: "\n")
    }
}
