import Foundation

/// The iModels API v2: clone, fork and create iModels, follow their creation, read iModels and changesets.
///
/// Use it as `client.iModels`. Every call goes through the client's pipeline (auth, retries, rate limits, logging).
public struct IModelsAPI: Sendable {
    let pipeline: RequestPipeline

    var poller: Poller { Poller(pipeline: pipeline) }

    /// Clones an iModel into an iTwin (`POST /imodels/{id}/clone`) and returns the new iModel's handle.
    ///
    /// The clone is a standalone copy: name and description default to the source's, the extent is always the
    /// source's, and changesets are copied up to `upTo`. The answer arrives before the copy is done: wait with
    /// ``waitUntilCreated(_:until:timeout:onUpdate:)``. If the connection is lost after the request was sent, the SDK looks for
    /// the clone before sending again, so no duplicate iModel is created.
    ///
    /// `containersEnabled` is the clone's bit mask of containers (1 SchemaSync, 2 CodeStore, 4 ViewStore); `nil`
    /// sends none and leaves the choice to the service.
    public func clone(
        _ sourceIModelId: String,
        into iTwinId: String,
        name: String? = nil,
        description: String? = nil,
        upTo point: ChangesetPoint = .latest,
        containersEnabled: Int? = nil
    ) async throws -> IModelCreation {
        try await copy(
            .clone, source: sourceIModelId, iTwinId: iTwinId, name: name, description: description, point: point,
            preserveHistory: nil, containersEnabled: containersEnabled)
    }

    /// Forks an iModel into an iTwin (`POST /imodels/{id}/fork`) and returns the fork's handle.
    ///
    /// A fork can be edited and merged back with a MergeIModel transformation. With `preserveHistory` the changesets
    /// are copied one by one; otherwise they are squashed into the baseline. A fork of a main iModel whose elements
    /// lack FederationGuids ends in ``CreateOperationState/mainIModelIsMissingFederationGuids``. Fork is in closed
    /// preview on the platform. `containersEnabled` is as for ``clone(_:into:name:description:upTo:containersEnabled:)``.
    public func fork(
        _ mainIModelId: String,
        into iTwinId: String,
        name: String? = nil,
        description: String? = nil,
        upTo point: ChangesetPoint = .latest,
        preserveHistory: Bool = false,
        containersEnabled: Int? = nil
    ) async throws -> IModelCreation {
        try await copy(
            .fork, source: mainIModelId, iTwinId: iTwinId, name: name, description: description, point: point,
            preserveHistory: preserveHistory, containersEnabled: containersEnabled)
    }

    /// Creates an empty iModel (`POST /imodels` with `creationMode: "empty"`), for example as the target of an
    /// import or merge, and returns it once it can be used.
    ///
    /// The service initializes an empty iModel in the background: its answer may say `notInitialized`, and an import
    /// into it fails until it is `initialized`. As Bentley's TypeScript client does, the call then waits for the
    /// create operation's `successful` (polling with the client's ``PollingPolicy``) and reads the iModel again; it
    /// throws what ``waitUntilCreated(_:until:timeout:onUpdate:)`` throws (`creationFailed`, `timedOut`) after
    /// `timeout`. Cancelling stops the wait, not the creation.
    ///
    /// If the connection is lost after the request was sent (or another unknown outcome), the SDK looks in the iTwin
    /// for an iModel of that name created since the send (and not a clone or fork, whose create operation names a
    /// source) before sending again, so no second iModel is made.
    public func createIModel(
        in iTwinId: String, name: String, description: String? = nil, timeout: Duration = .seconds(1800)
    ) async throws -> IModel {
        try InputValidation.id(iTwinId, named: "iTwinId")
        try InputValidation.nameAndDescription(name: name, description: description)
        let body = IModelsRequestBodies.CreateEmpty(iTwinId: iTwinId, name: name, description: description)
        let endpoint = Endpoint(
            operation: "createIModel", api: .iModels, method: .post, target: .path([]),
            body: try pipeline.encode(body))
        let created = try await sendNamedCreate(endpoint, in: iTwinId, named: name)
        if created.state == .initialized { return created }
        return try await waitUntilCreated(created.id, until: .completed, timeout: timeout)
    }

    /// Sends a `POST /imodels` (empty or from a template) through ``DuplicateSafeCreate``: after an unknown outcome it
    /// looks in the iTwin for an iModel of `name` created since the send before sending again, and a `409` to that
    /// resend is resolved by the same lookup.
    func sendNamedCreate(_ endpoint: Endpoint, in iTwinId: String, named name: String) async throws -> IModel {
        try await DuplicateSafeCreate<IModel>(
            operation: endpoint.operation, conflictMayBeOurs: true, id: \.id,
            send: { try await pipeline.send(endpoint, as: IModelsEnvelopes.IModelBody.self).iModel },
            lookUp: { sentAt, failedAt in
                try await createdIModelLookup(in: iTwinId, named: name)
                    .find(with: pipeline, sentAt: sentAt, failedAt: failedAt)
            }
        ).perform(clock: pipeline.clock)
    }

    /// How the iModel's creation is going (`GET /imodels/{id}/operations/create`).
    public func createOperation(of iModelId: String) async throws -> CreateOperation {
        try await createOperation(of: iModelId, deadline: nil)
    }

    /// The iModel's details (`GET /imodels/{id}`).
    public func iModel(_ iModelId: String) async throws -> IModel {
        try await iModel(iModelId, deadline: nil)
    }

    /// The iModels of an iTwin (`GET /imodels?iTwinId=…`), minimal (id and display name), fetched page by page.
    ///
    /// - Parameters:
    ///   - iTwinId: the iTwin.
    ///   - name: only the iModel with exactly this name (`name`).
    ///   - search: only iModels whose name or description contains this text (`$search`); cannot be combined with
    ///     `name` (the service refuses it, so the SDK throws ``ITwinClientError/invalidRequest(_:)`` first).
    ///   - state: only iModels in this state (`state`), for example ``IModelState/notInitialized``.
    ///   - orderBy: the order, earlier keys first (`$orderBy`); the service's own order when empty.
    ///   - top: the page size (1...1000; the service's default is 100). Every page is still fetched.
    ///
    /// For full ``IModel`` values (state, dates, extent) pass `as: IModel.self`:
    /// ``iModels(in:name:search:state:orderBy:top:as:)``.
    public func iModels(
        in iTwinId: String, name: String? = nil, search: String? = nil, state: IModelState? = nil,
        orderBy: [IModelsOrder] = [], top: Int? = nil
    ) -> PageSequence<MinimalIModel> {
        let query = IModelsListQuery(
            iTwinId: iTwinId, name: name, search: search, state: state, orderBy: orderBy, top: top)
        return PageSequence(
            pipeline: pipeline, firstPage: listEndpoint(query, representation: false), collectionKey: "iModels",
            precondition: { try query.validate() })
    }

    /// The iModels of an iTwin in full (`GET /imodels?iTwinId=…` with `Prefer: return=representation`), fetched page
    /// by page; the filters and order are those of ``iModels(in:name:search:state:orderBy:top:)``.
    ///
    /// "The forks still being created in this iTwin" is one call:
    /// `client.iModels.iModels(in: iTwinId, state: .notInitialized, as: IModel.self)`.
    public func iModels(
        in iTwinId: String, name: String? = nil, search: String? = nil, state: IModelState? = nil,
        orderBy: [IModelsOrder] = [], top: Int? = nil, as type: IModel.Type
    ) -> PageSequence<IModel> {
        let query = IModelsListQuery(
            iTwinId: iTwinId, name: name, search: search, state: state, orderBy: orderBy, top: top)
        return PageSequence(
            pipeline: pipeline, firstPage: listEndpoint(query, representation: true), collectionKey: "iModels",
            precondition: { try query.validate() })
    }

    /// `GET /imodels?iTwinId=…&name=…`, minimal or in full representation.
    func listEndpoint(in iTwinId: String, name: String?, representation: Bool) -> Endpoint {
        listEndpoint(IModelsListQuery(iTwinId: iTwinId, name: name), representation: representation)
    }

    /// `GET /imodels` with the query, minimal or in full representation.
    func listEndpoint(_ query: IModelsListQuery, representation: Bool) -> Endpoint {
        Endpoint(
            operation: "listIModels", api: .iModels, method: .get, target: .path([]), query: query.items,
            headers: ["Prefer": representation ? "return=representation" : "return=minimal"])
    }

    /// Deletes an iModel (`DELETE /imodels/{id}`). A retried delete that finds the iModel gone counts as success.
    public func deleteIModel(_ iModelId: String) async throws {
        _ = try await pipeline.send(
            Endpoint(
                operation: "deleteIModel", api: .iModels, method: .delete,
                target: .path([.id(iModelId, name: "iModelId")])))
    }

    /// The iModel's changesets (`GET /imodels/{id}/changesets`), fetched page by page.
    ///
    /// - Parameters:
    ///   - iModelId: the iModel.
    ///   - top: the page size (1...1000; the server's default is 100).
    ///   - afterIndex: only changesets with a greater index.
    ///   - lastIndex: only changesets with this index or a smaller one.
    ///   - descending: newest first (`$orderBy=index desc`).
    ///   - representation: ask for full changesets (`Prefer: return=representation`: ``Changeset/application``,
    ///     ``Changeset/synchronizationInfo`` and the `namedVersion`, `currentOrPrecedingCheckpoint` and `download`
    ///     links); by default the service answers the minimal shape.
    public func changesets(
        of iModelId: String,
        top: Int? = nil,
        afterIndex: Int? = nil,
        lastIndex: Int? = nil,
        descending: Bool = false,
        representation: Bool = false
    ) -> PageSequence<Changeset> {
        var query: [(String, String)] = []
        if let top { query.append(("$top", String(top))) }
        if let afterIndex { query.append(("afterIndex", String(afterIndex))) }
        if let lastIndex { query.append(("lastIndex", String(lastIndex))) }
        if descending { query.append(("$orderBy", "index desc")) }
        let endpoint = Endpoint(
            operation: "listChangesets", api: .iModels, method: .get,
            target: .path([.id(iModelId, name: "iModelId"), .literal("changesets")]), query: query,
            headers: ["Prefer": representation ? "return=representation" : "return=minimal"])
        return PageSequence(
            pipeline: pipeline, firstPage: endpoint, collectionKey: "changesets",
            precondition: {
                if let top, !(1...1000).contains(top) {
                    throw ITwinClientError.invalidRequest("top must be in 1...1000 (got \(top)).")
                }
                if let afterIndex, afterIndex < 0 {
                    throw ITwinClientError.invalidRequest("afterIndex must not be negative (got \(afterIndex)).")
                }
                if let lastIndex, lastIndex < 0 {
                    throw ITwinClientError.invalidRequest("lastIndex must not be negative (got \(lastIndex)).")
                }
            })
    }

    /// One changeset, by id or index (`GET /imodels/{id}/changesets/{idOrIndex}`).
    public func changeset(_ reference: ChangesetReference, of iModelId: String) async throws -> Changeset {
        let segment: String
        switch reference {
        case .id(let id):
            segment = id
        case .index(let index):
            guard index >= 0 else { throw ITwinClientError.invalidRequest("changeset index must not be negative.") }
            segment = String(index)
        }
        let endpoint = Endpoint(
            operation: "getChangeset", api: .iModels, method: .get,
            target: .path([.id(iModelId, name: "iModelId"), .literal("changesets"), .id(segment, name: "changesetId")]))
        return try await pipeline.send(endpoint, as: IModelsEnvelopes.ChangesetBody.self).changeset
    }

    /// The newest changeset, or `nil` when the iModel has none (`$orderBy=index desc&$top=1`).
    public func latestChangeset(of iModelId: String) async throws -> Changeset? {
        var iterator = changesets(of: iModelId, top: 1, descending: true).makeAsyncIterator()
        return try await iterator.next()
    }

    func createOperation(of iModelId: String, deadline: Date?) async throws -> CreateOperation {
        let endpoint = Endpoint(
            operation: "getCreateOperation", api: .iModels, method: .get,
            target: .path([.id(iModelId, name: "iModelId"), .literal("operations"), .literal("create")]))
        return try await pipeline.send(endpoint, as: IModelsEnvelopes.CreateOperationBody.self, deadline: deadline)
            .createOperation
    }

    func iModel(_ iModelId: String, deadline: Date?) async throws -> IModel {
        let endpoint = Endpoint(
            operation: "getIModel", api: .iModels, method: .get, target: .path([.id(iModelId, name: "iModelId")]))
        return try await pipeline.send(endpoint, as: IModelsEnvelopes.IModelBody.self, deadline: deadline).iModel
    }
}
