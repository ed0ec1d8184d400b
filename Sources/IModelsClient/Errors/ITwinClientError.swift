import Foundation

/// Every error the SDK throws, apart from `CancellationError` when the calling task is cancelled.
///
/// An error thrown by the access-token provider is wrapped in ``tokenProviderFailed(operation:underlying:)``, with the
/// operation it was asked for; the provider's own error is kept as `underlying`.
///
/// When retries run out, the last ``api(_:)`` or ``transport(_:)`` error is thrown (not ``timedOut(operation:resourceId:lastState:)``).
/// No case holds the access token, so descriptions and debug prints are safe to log.
public enum ITwinClientError: Error, Sendable {
    /// The server answered with a status outside 200...299.
    case api(APIError)
    /// No answer came back (connection refused or lost, timeout); says whether the request may have reached the server.
    case transport(TransportFailure)
    /// The answer could not be read as the documented shape.
    case decoding(DecodingFailure)
    /// The SDK refused the request before sending anything (empty id, blank required field, negative index, …).
    case invalidRequest(String)
    /// A URL was not trusted: a link on another origin than the base URL, or `http://` to a non-loopback host.
    case untrustedURL(URL)
    /// An iModel's creation ended in `failed` or `mainIModelIsMissingFederationGuids`.
    case creationFailed(iModelId: String, state: CreateOperationState)
    /// A transformation run ended `Failed` or `Aborted`; the run carries its id and `errorMessage`.
    case transformationFailed(Transformation)
    /// A wait's deadline passed before the resource reached the awaited state.
    case timedOut(operation: String, resourceId: String, lastState: String?)
    /// The access-token provider threw instead of giving a token for `operation`, so nothing was sent; `underlying`
    /// is the provider's error, as thrown. (A provider that throws `CancellationError` ends the call with
    /// `CancellationError` instead.)
    case tokenProviderFailed(operation: String, underlying: any Error)
    /// A create request's outcome was unknown and the lookup found more than one resource it may have created, made
    /// too close together to tell apart (for example runs of one configuration started by two clients within a
    /// second): the SDK neither guesses nor sends again. `candidates` are their ids, nearest the send first; one may be
    /// this call's, the others another client's.
    case ambiguousOutcome(operation: String, candidates: [String])
    /// A permission preflight (``IModelsAPI/requirePermissions(_:on:)``) found that the caller lacks what the
    /// operation needs on an iModel; the operation itself was not sent (the preflight's reads were).
    case missingPermissions(PermissionShortfall)
}

extension ITwinClientError: LocalizedError, CustomStringConvertible {
    /// A readable description of the error.
    public var errorDescription: String? { description }

    /// A readable description of the error.
    public var description: String {
        switch self {
        case .api(let error):
            return error.description
        case .transport(let failure):
            return failure.description
        case .decoding(let failure):
            return failure.description
        case .invalidRequest(let reason):
            return "Invalid request, nothing was sent: \(reason)"
        case .untrustedURL(let url):
            return "Refused to send the access token to an untrusted URL: \(url.absoluteString)"
        case .creationFailed(let iModelId, let state):
            if state == .mainIModelIsMissingFederationGuids {
                return "Creating iModel \(iModelId) failed (\(state)): elements of the main iModel have no "
                    + "FederationGuid. Run PopulateFederationGuids on the main iModel, then fork again."
            }
            return "Creating iModel \(iModelId) failed (\(state))."
        case .transformationFailed(let run):
            let message = run.errorMessage.flatMap { $0.isEmpty ? nil : ": \($0)" } ?? ""
            if run.status == .aborted {
                return "Transformation \(run.id) was aborted\(message)."
            }
            return "Transformation \(run.id) ended \(run.status)\(message). A failed run may leave the target iModel "
                + "unusable; if so, use a new target iModel."
        case .timedOut(let operation, let resourceId, let lastState):
            return "\(operation) timed out waiting for \(resourceId)"
                + (lastState.map { " (last state: \($0))" } ?? "") + ". The server's work may still go on."
        case .ambiguousOutcome(let operation, let candidates):
            return "\(operation): the answer was lost and \(candidates.count) resources it may have created were "
                + "found (\(candidates.joined(separator: ", "))); none was taken and nothing was sent again."
        case .tokenProviderFailed(let operation, let underlying):
            return "\(operation): the access-token provider failed, nothing was sent: \(underlying)"
        case .missingPermissions(let shortfall):
            return "Missing permissions, the operation was not sent: \(shortfall)"
        }
    }

    /// The API error, when this is ``api(_:)``.
    public var apiError: APIError? {
        if case .api(let error) = self { return error }
        return nil
    }
}
