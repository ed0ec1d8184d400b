import Foundation

extension IModelsAPI {
    /// Clone or fork.
    enum CopyKind: String, Sendable {
        case clone, fork

        var operation: String { self == .clone ? "cloneIModel" : "forkIModel" }
        var sourceName: String { self == .clone ? "sourceIModelId" : "mainIModelId" }
    }

    /// Sends a clone or fork without ever creating two iModels for one call (``DuplicateSafeCreate``).
    ///
    /// After an unknown outcome (the connection was lost after sending, a timeout, or 500, 502, 504, or 503 without
    /// `Retry-After`), it looks in the target iTwin for an iModel with the requested name (the source's name when none
    /// was given) that proves it answers this request (see `findCopy`). If there is none it sends once more; a
    /// `409 iModelExists` to that resend is resolved by the same lookup, with the window opened at the first send. A
    /// `409` to a first send, or for an iModel that does not prove it is ours (an older copy of the same source under
    /// that name included), is thrown.
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
        try InputValidation.id(source, named: kind.sourceName)
        try InputValidation.id(iTwinId, named: "iTwinId")
        try InputValidation.nameAndDescription(name: name, description: description)
        try point.validate()
        // A named version becomes its changeset before anything is created, so the lookup compares the point sent.
        let point = try await resolved(point, of: source)
        let body = try IModelsRequestBodies.Copy(
            iTwinId: iTwinId, name: name, description: description, upTo: point, preserveHistory: preserveHistory,
            containersEnabled: containersEnabled)
        let endpoint = Endpoint(
            operation: kind.operation, api: .iModels, method: .post,
            target: .path([.id(source, name: kind.sourceName), .literal(kind.rawValue)]),
            body: try pipeline.encode(body), limitClass: .cloneAndFork)
        let request = CopyRequest(kind: kind, source: source, iTwinId: iTwinId, name: name, point: point)
        let create = DuplicateSafeCreate<IModelCreation>(
            operation: kind.operation, conflictMayBeOurs: true, id: \.iModelId,
            send: { try creation(from: try await pipeline.send(endpoint), operation: kind.operation) },
            lookUp: { sentAt, failedAt in try await findCopy(request, sentAt: sentAt, failedAt: failedAt) })
        return try await create.perform(clock: pipeline.clock)
    }

    /// The point as the request sends it: a named version is read and replaced by its changeset id, or by
    /// ``ChangesetPoint/baselineOnly`` for a version of the baseline; other points are returned as they are.
    func resolved(_ point: ChangesetPoint, of iModelId: String) async throws -> ChangesetPoint {
        guard case .namedVersion(let id) = point else { return point }
        let version = try await namedVersion(id, of: iModelId)
        if version.isBaseline { return .baselineOnly }
        return .changesetId(version.changesetId ?? "")
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
        guard IModelCreation.isPlainId(iModelId) else {
            throw ITwinClientError.decoding(
                DecodingFailure(
                    operation: operation, status: response.status,
                    reason: "the Location header's iModel id is not a plain id (1 to \(IModelCreation.maximumIdLength) "
                        + "letters, digits, '-', '_' and '.')", rawBody: response.body))
        }
        return IModelCreation(
            iModelId: iModelId, iModelURL: location,
            createOperationURL: response.headers["Create-iModel-Operation"].flatMap(URL.init(string:)))
    }
}
