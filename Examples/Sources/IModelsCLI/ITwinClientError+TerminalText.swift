import Foundation
import IModelsClient

extension ITwinClientError {
    /// The error with every string from the service made terminal-safe on one line (``TerminalText/line(_:)``): the
    /// API's code, message, target and details, raw bodies, a decoding failure's reason, ids and states. Its
    /// `description` then has line breaks only where the SDK lays out its lines.
    public var terminalSafe: ITwinClientError {
        let line = TerminalText.line
        switch self {
        case .api(var error):
            error.code = error.code.map { ErrorCode(rawValue: line($0.rawValue)) }
            error.message = error.message.map(line)
            error.target = error.target.map(line)
            error.details = error.details.map { detail in
                ErrorDetail(
                    code: detail.code.map { ErrorCode(rawValue: line($0.rawValue)) }, message: detail.message.map(line),
                    target: detail.target.map(line), innerErrorCode: detail.innerErrorCode)
            }
            error.rawBody = Data(line(error.rawBodyText).utf8)
            return .api(error)
        case .decoding(var failure):
            failure.reason = line(failure.reason)
            failure.rawBody = Data(line(failure.rawBodyText).utf8)
            return .decoding(failure)
        case .creationFailed(let iModelId, let state):
            return .creationFailed(
                iModelId: line(iModelId), state: CreateOperationState(rawValue: line(state.rawValue)))
        case .transformationFailed(var run):
            run.id = line(run.id)
            run.status = TransformationStatus(rawValue: line(run.status.rawValue))
            run.errorMessage = run.errorMessage.map(line)
            run.errorCode = run.errorCode.map(line)
            return .transformationFailed(run)
        case .timedOut(let operation, let resourceId, let lastState):
            return .timedOut(operation: operation, resourceId: line(resourceId), lastState: lastState.map(line))
        case .ambiguousOutcome(let operation, let candidates):
            return .ambiguousOutcome(operation: operation, candidates: candidates.map(line))
        case .missingPermissions(var shortfall):
            shortfall.iModelId = line(shortfall.iModelId)
            return .missingPermissions(shortfall)
        case .transport, .invalidRequest, .untrustedURL, .tokenProviderFailed:
            return self
        }
    }
}
