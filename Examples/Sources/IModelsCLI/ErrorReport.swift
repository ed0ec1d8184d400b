import Foundation
import IModelsClient

/// What the tool prints when a command fails: the error (with the API's code and message), a hint, and the exit
/// status; as text lines or, with `--json`, as one JSON object.
public struct ErrorReport: Sendable, Encodable, Equatable {
    /// The exit status the tool ends with.
    public var exitCode: CLIExitCode
    /// The kind of error: `api`, `transport`, `decoding`, `invalidRequest`, `untrustedURL`, `creationFailed`,
    /// `transformationFailed`, `timedOut`, `interrupted`, `tool`, `permission` (a permission preflight found one
    /// missing), `auth` (a stored login refused or not renewable) or `other`.
    public var kind: String
    /// The error's description (for an API error: operation, HTTP status, code, message, details, correlation id),
    /// with the service's strings made terminal-safe (``ITwinClientError/terminalSafe``).
    public var message: String
    /// What to do next, when there is something to say.
    public var hint: String?
    /// The HTTP status of an API error.
    public var status: Int?
    /// The service's error code, as it spelled it.
    public var code: String?
    /// The service's error message.
    public var apiMessage: String?
    /// The request's correlation id, to quote to support.
    public var correlationId: String?
    /// The wait the service asked for with `Retry-After`, in seconds.
    public var retryAfterSeconds: Double?
    /// The iModel or run the error is about.
    public var resourceId: String?
    /// The last known state (creation state, or the state a wait saw last).
    public var state: String?
    /// The run, when a transformation failed.
    public var transformation: Transformation?

    /// Describes `error`, thrown by `command`; on the simulator, its `samples` and the `ids` the command used make
    /// the hint of a `404` more precise.
    public init(
        _ error: any Error, command: CommandName, onSimulator: Bool, samples: SimulatorSamples? = nil,
        ids: CommandIds = CommandIds()
    ) {
        exitCode = CLIExitCode(for: error)
        hint = Hints.hint(for: error, command: command, onSimulator: onSimulator, samples: samples, ids: ids)
        message = String(describing: error)
        switch error {
        case let error as ITwinClientError:
            message = error.terminalSafe.description
            switch error {
            case .api(let api):
                kind = "api"
                status = api.status
                code = api.code?.rawValue
                apiMessage = api.message
                correlationId = api.correlationId
                retryAfterSeconds = api.retryAfter.map(Self.seconds)
            case .transport: kind = "transport"
            case .decoding(let failure):
                kind = "decoding"
                status = failure.status
            case .invalidRequest: kind = "invalidRequest"
            case .untrustedURL: kind = "untrustedURL"
            case .creationFailed(let iModelId, let state):
                kind = "creationFailed"
                resourceId = iModelId
                self.state = state.rawValue
            case .transformationFailed(let run):
                kind = "transformationFailed"
                resourceId = run.id
                state = run.status.rawValue
                transformation = run
            case .timedOut(_, let resourceId, let lastState):
                kind = "timedOut"
                self.resourceId = resourceId
                state = lastState
            case .tokenProviderFailed: kind = "tokenProviderFailed"
            case .ambiguousOutcome: kind = "ambiguousOutcome"
            case .missingPermissions(let shortfall):
                kind = "permission"
                resourceId = shortfall.iModelId
            }
        case is InterruptedError, is CancellationError:
            kind = "interrupted"
            if !(error is InterruptedError) { message = InterruptedError().description }
        case ToolError.missingPermissions:
            kind = "permission"
        case is ToolError:
            kind = "tool"
        case is LoginError, is TokenRequestError:
            kind = "auth"
        default:
            kind = "other"
        }
    }

    /// The lines to print on standard error: `error: …` and, when there is one, `hint: …`; no control characters but
    /// the line breaks the tool lays out.
    public var text: String {
        var lines = (kind == "interrupted" ? "" : "error: ") + message
        if let hint { lines += "\nhint: " + TerminalText.line(hint) }
        return TerminalText.lines(lines)
    }

    /// `{"error": {…}}`, keys sorted.
    public func json() -> String {
        JSONOutput.string(Envelope(error: self))
    }

    private struct Envelope: Encodable {
        var error: ErrorReport
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private enum CodingKeys: String, CodingKey {
        case exitCode, kind, message, hint, status, code, apiMessage, correlationId, retryAfterSeconds
        case resourceId, state, transformation
    }

    /// Encodes the report; `exitCode` as its number.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(exitCode.rawValue, forKey: .exitCode)
        try container.encode(kind, forKey: .kind)
        try container.encode(message, forKey: .message)
        try container.encodeIfPresent(hint, forKey: .hint)
        try container.encodeIfPresent(status, forKey: .status)
        try container.encodeIfPresent(code, forKey: .code)
        try container.encodeIfPresent(apiMessage, forKey: .apiMessage)
        try container.encodeIfPresent(correlationId, forKey: .correlationId)
        try container.encodeIfPresent(retryAfterSeconds, forKey: .retryAfterSeconds)
        try container.encodeIfPresent(resourceId, forKey: .resourceId)
        try container.encodeIfPresent(state, forKey: .state)
        try container.encodeIfPresent(transformation, forKey: .transformation)
    }
}
