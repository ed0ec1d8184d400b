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
    /// was given) that proves it answers this request: copied in this way from our source (ids compared without
    /// regard to case), created inside the request's ``CreationWindow`` (between the send and the failure, on the
    /// service's clock), and copied up to the point asked (`.latest`: the newest changeset pushed before the send). If
    /// there is none it sends once more; a `409 iModelExists` to that resend is resolved by the same lookup, with the
    /// window opened at the first send. A `409` to a first send, or for an iModel that does not prove it is ours (an
    /// older copy of the same source under that name included), is thrown.
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
        let request = CopyRequest(kind: kind, source: source, iTwinId: iTwinId, name: name, point: point)
        let sentAt = pipeline.clock.now
        do {
            return try creation(from: try await pipeline.send(endpoint), operation: kind.operation)
        } catch let error as ITwinClientError where error.serverMayHaveActed {
            if let ours = try await findCopy(request, sentAt: sentAt, failedAt: pipeline.clock.now, otherwise: error) {
                return ours
            }
            do {
                return try creation(from: try await pipeline.send(endpoint), operation: kind.operation)
            } catch let resend as ITwinClientError where resend.apiError?.status == 409 {
                if let ours = try await findCopy(
                    request, sentAt: sentAt, failedAt: pipeline.clock.now, otherwise: resend)
                {
                    return ours
                }
                throw resend
            }
        }
    }

    /// What a clone or fork asked for, as the lookup after an unknown outcome checks it.
    struct CopyRequest: Sendable {
        var kind: CopyKind
        var source: String
        var iTwinId: String
        var name: String?
        var point: ChangesetPoint
    }

    /// Looks for the iModel the request sent at `sentAt` (whose failure came back at `failedAt`) created: named as
    /// asked (or as the source), created inside the request's window, copied from the source in this way and up to the
    /// point asked. When the lookup itself fails, `otherwise` (the error that made the outcome unknown) is thrown.
    private func findCopy(
        _ request: CopyRequest, sentAt: Date, failedAt: Date, otherwise: ITwinClientError
    ) async throws -> IModelCreation? {
        do {
            let lookupName: String
            if let name = request.name {
                lookupName = name
            } else {
                lookupName = try await iModel(request.source).name
            }
            let found: (items: [IModel], window: CreationWindow) = try await pipeline.lookUp(
                listEndpoint(in: request.iTwinId, name: lookupName, representation: true), collectionKey: "iModels",
                sentAt: sentAt, failedAt: failedAt)
            var proven: [IModel] = []
            for candidate in found.items {
                guard case .found = found.window.pick([candidate], createdAt: \.createdDateTime) else { continue }
                let operation = try await createOperation(of: candidate.id)
                let origin =
                    request.kind == .clone
                    ? operation.clonedFrom.map { ($0.iModelId, $0.changesetId) }
                    : operation.forkedFrom.map { ($0.iModelId, $0.changesetId) }
                guard let origin, ResourceID.same(origin.0, request.source),
                    try await copied(upTo: request.point, changesetId: origin.1, of: request.source, in: found.window)
                else { continue }
                proven.append(candidate)
            }
            switch found.window.pick(proven, createdAt: \.createdDateTime) {
            case .none:
                return nil
            case .found(let ours):
                return IModelCreation(
                    iModelId: ours.id, iModelURL: url(ofIModel: ours.id),
                    createOperationURL: url(ofIModel: ours.id)?.appendingPathComponent("operations/create"))
            case .ambiguous(let candidates):
                throw ITwinClientError.ambiguousOutcome(
                    operation: request.kind.operation, candidates: candidates.map(\.id))
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as ITwinClientError {
            if case .ambiguousOutcome = error { throw error }
            throw otherwise
        } catch {
            throw otherwise
        }
    }

    /// Whether a copy whose create operation names `changesetId` (empty: no changeset, only the baseline) was copied
    /// up to `point` of `source` as asked by a request sent inside `window`.
    ///
    /// `.latest` means the newest changeset at the time the request arrived: the copy's changeset must not have been
    /// followed by one pushed before the window opened (a changeset pushed while the request was on its way may or may
    /// not be in the copy, and either is accepted).
    private func copied(
        upTo point: ChangesetPoint, changesetId: String, of source: String, in window: CreationWindow
    ) async throws -> Bool {
        switch point {
        case .changesetId(let id):
            return ResourceID.same(id, changesetId)
        case .baselineOnly, .changesetIndex(0):
            return changesetId.isEmpty
        case .changesetIndex(let index):
            guard !changesetId.isEmpty else { return false }
            return ResourceID.same(try await changeset(.index(index), of: source).id, changesetId)
        case .latest:
            for try await newer in changesets(of: source, descending: true) {
                if !changesetId.isEmpty, ResourceID.same(newer.id, changesetId) { return true }
                if let pushed = newer.pushDateTime, pushed < window.earliest { return false }
            }
            return changesetId.isEmpty
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

    private func url(ofIModel id: String) -> URL? {
        var base = pipeline.linkPolicy.baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return URL(string: "\(base)/imodels/\(Endpoint.encodeSegment(id))")
    }
}
