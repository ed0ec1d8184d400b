import Foundation

extension IModelsAPI {
    /// What a clone or fork asked for, as the lookup after an unknown outcome checks it.
    struct CopyRequest: Sendable {
        var kind: CopyKind
        var source: String
        var iTwinId: String
        var name: String?
        var point: ChangesetPoint
    }

    /// Looks for the iModel a clone or fork sent at `sentAt` (whose failure came back at `failedAt`) created: named
    /// as asked (or as the source, whose name is read first), created inside the request's ``CreationWindow``, copied
    /// from the source in this way (ids compared without regard to case) and up to the point asked.
    func findCopy(
        _ request: CopyRequest, sentAt: Date, failedAt: Date
    ) async throws -> CreationWindow.Match<IModelCreation> {
        let name: String
        if let asked = request.name {
            name = asked
        } else {
            name = try await iModel(request.source).name
        }
        let lookup = iModelLookup(in: request.iTwinId, named: name) { candidate, window in
            try await isCopy(candidate.id, answering: request, in: window)
        }
        return try await lookup.find(with: pipeline, sentAt: sentAt, failedAt: failedAt).map { handle(ofCopy: $0.id) }
    }

    /// Whether the iModel's create operation says it was copied as `request` asked, by a request sent inside `window`.
    private func isCopy(
        _ iModelId: String, answering request: CopyRequest, in window: CreationWindow
    ) async throws -> Bool {
        let operation = try await createOperation(of: iModelId)
        let origin =
            request.kind == .clone
            ? operation.clonedFrom.map { ($0.iModelId, $0.changesetId) }
            : operation.forkedFrom.map { ($0.iModelId, $0.changesetId) }
        guard let origin, ResourceID.same(origin.0, request.source) else { return false }
        return try await copied(upTo: request.point, changesetId: origin.1, of: request.source, in: window)
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
        case .namedVersion(let id):
            return try await copied(
                upTo: try await resolved(.namedVersion(id), of: source), changesetId: changesetId, of: source,
                in: window)
        case .latest:
            for try await newer in changesets(of: source, descending: true) {
                if !changesetId.isEmpty, ResourceID.same(newer.id, changesetId) { return true }
                if let pushed = newer.pushDateTime, pushed < window.earliest { return false }
            }
            return changesetId.isEmpty
        }
    }

    /// The handle of a copy the lookup found: its URL and its create operation's, built as the SDK builds every URL.
    private func handle(ofCopy iModelId: String) -> IModelCreation {
        let endpoint = Endpoint(
            operation: "getIModel", api: .iModels, method: .get, target: .path([.id(iModelId, name: "iModelId")]))
        let url = try? endpoint.url(policy: pipeline.linkPolicy)
        return IModelCreation(
            iModelId: iModelId, iModelURL: url, createOperationURL: url?.appendingPathComponent("operations/create"))
    }
}
