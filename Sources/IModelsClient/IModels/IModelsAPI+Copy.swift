import Foundation

extension IModelsAPI {
    /// Clone or fork.
    enum CopyKind: String, Sendable {
        case clone, fork

        var operation: String { self == .clone ? "cloneIModel" : "forkIModel" }
        var sourceName: String { self == .clone ? "sourceIModelId" : "mainIModelId" }
    }

    /// Sends a clone or fork without ever creating two iModels for one call.
    ///
    /// After an unknown outcome (the connection was lost after sending, a timeout, or 500, 502, 504, or 503 without
    /// `Retry-After`), it looks in the target iTwin for an iModel with the requested name (the source's name when none
    /// was given) whose create operation names our source, and returns it. If there is none it sends once more; a
    /// `409 iModelExists` to that resend is resolved by the same lookup. A `409` to a first send, or for an iModel
    /// copied from another source, is thrown.
    func copy(
        _ kind: CopyKind,
        source: String,
        iTwinId: String,
        name: String?,
        description: String?,
        point: ChangesetPoint,
        preserveHistory: Bool?,
        containersEnabled: Int? = nil
    ) async throws -> IModelCreation {
        try Self.validate(id: source, name: kind.sourceName)
        try Self.validate(id: iTwinId, name: "iTwinId")
        try Self.validate(name: name, description: description)
        try point.validate()
        let body = IModelsRequestBodies.Copy(
            iTwinId: iTwinId, name: name, description: description, upTo: point, preserveHistory: preserveHistory,
            containersEnabled: containersEnabled)
        let endpoint = Endpoint(
            operation: kind.operation, api: .iModels, method: .post,
            target: .path([.id(source, name: kind.sourceName), .literal(kind.rawValue)]),
            body: try pipeline.encode(body), limitClass: .cloneAndFork)
        do {
            return try creation(from: try await pipeline.send(endpoint), operation: kind.operation)
        } catch let error as ITwinClientError where error.hasUnknownOutcome {
            if let ours = try await findCopy(kind, source: source, iTwinId: iTwinId, name: name, otherwise: error) {
                return ours
            }
            do {
                return try creation(from: try await pipeline.send(endpoint), operation: kind.operation)
            } catch let resend as ITwinClientError where resend.apiError?.status == 409 {
                if let ours = try await findCopy(kind, source: source, iTwinId: iTwinId, name: name, otherwise: resend)
                {
                    return ours
                }
                throw resend
            }
        }
    }

    /// Looks for an iModel in `iTwinId` named `name` (or the source's name) that was copied from `source`.
    /// When the lookup itself fails, `otherwise` (the error that made the outcome unknown) is thrown.
    private func findCopy(
        _ kind: CopyKind, source: String, iTwinId: String, name: String?, otherwise: ITwinClientError
    ) async throws -> IModelCreation? {
        do {
            let lookupName: String
            if let name {
                lookupName = name
            } else {
                lookupName = try await iModel(source).name
            }
            for try await candidate in iModels(in: iTwinId, name: lookupName) {
                let operation = try await createOperation(of: candidate.id)
                let copiedFrom = kind == .clone ? operation.clonedFrom?.iModelId : operation.forkedFrom?.iModelId
                if copiedFrom == source {
                    return IModelCreation(
                        iModelId: candidate.id, iModelURL: url(ofIModel: candidate.id),
                        createOperationURL: url(ofIModel: candidate.id)?.appendingPathComponent("operations/create"))
                }
            }
            return nil
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw otherwise
        }
    }

    /// Reads the new iModel's handle from a `202` answer's `Location` and `Create-iModel-Operation` headers.
    func creation(from response: HTTPResponse, operation: String) throws -> IModelCreation {
        guard let location = response.headers["Location"].flatMap(URL.init(string:)),
            let iModelId = IModelCreation.iModelId(fromLocation: location)
        else {
            let reason =
                response.headers["Location"] == nil
                ? "the Location header is missing" : "the Location header holds no iModel id"
            throw ITwinClientError.decoding(
                DecodingFailure(operation: operation, status: response.status, reason: reason, rawBody: response.body))
        }
        return IModelCreation(
            iModelId: iModelId, iModelURL: location,
            createOperationURL: response.headers["Create-iModel-Operation"].flatMap(URL.init(string:)))
    }

    private func url(ofIModel id: String) -> URL? {
        var base = pipeline.linkPolicy.baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return URL(string: "\(base)/imodels/\(Endpoint.encodeSegment(id))")
    }
}

extension ITwinClientError {
    /// Whether a non-idempotent request may or may not have been acted on: the connection was lost after sending, a
    /// timeout, or a 500, 502, 504, or 503 without `Retry-After`.
    var hasUnknownOutcome: Bool {
        switch self {
        case .transport(let failure):
            return failure.requestMayHaveReachedServer
        case .api(let error):
            return [500, 502, 504].contains(error.status) || (error.status == 503 && error.retryAfter == nil)
        default:
            return false
        }
    }
}
