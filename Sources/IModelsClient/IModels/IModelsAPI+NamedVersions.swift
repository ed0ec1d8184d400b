import Foundation

extension IModelsAPI {
    /// The iModel's named versions (`GET /imodels/{id}/namedversions`), in full
    /// (`Prefer: return=representation`), fetched page by page.
    ///
    /// - Parameters:
    ///   - iModelId: the iModel.
    ///   - name: only the version with exactly this name.
    ///   - search: `$search`: versions whose name or description contains the text.
    ///   - orderBy: `$orderBy`, by changeset index or creation date, earlier keys first; the service's order when
    ///     empty.
    ///   - top: the page size (1...1000; the server's default is 100). Every page is still fetched.
    ///
    /// The filters, order and checks are those of ``iModels(in:name:search:state:orderBy:top:)``: `search` and `name`
    /// cannot be given together (the Get iModels page says so of its own `$search` and `name`; the named-versions
    /// page is silent, and `IModelsSimulator` refuses the pair too), a blank `search` or `name` and an order naming
    /// a property twice are refused with ``ITwinClientError/invalidRequest(_:)`` before sending.
    public func namedVersions(
        of iModelId: String,
        name: String? = nil,
        search: String? = nil,
        orderBy: [NamedVersionOrder] = [],
        top: Int? = nil
    ) -> PageSequence<NamedVersion> {
        var query: [(String, String)] = []
        if let name { query.append(("name", name)) }
        if let search { query.append(("$search", search)) }
        if let order = ListQueryRules.orderBy(orderBy.map(\.description)) { query.append(("$orderBy", order)) }
        if let top { query.append(("$top", String(top))) }
        return PageSequence(
            pipeline: pipeline, firstPage: namedVersionsEndpoint(iModelId, query: query),
            collectionKey: "namedVersions",
            precondition: {
                try InputValidation.id(iModelId, named: "iModelId")
                try ListQueryRules.validate(
                    name: name, search: search, orderBy: orderBy.map(\.property.rawValue), top: top,
                    listing: "named version")
            })
    }

    /// One named version (`GET /imodels/{id}/namedversions/{namedVersionId}`).
    public func namedVersion(_ namedVersionId: String, of iModelId: String) async throws -> NamedVersion {
        let endpoint = Endpoint(
            operation: "getNamedVersion", api: .iModels, method: .get,
            target: .path([
                .id(iModelId, name: "iModelId"), .literal("namedversions"), .id(namedVersionId, name: "namedVersionId"),
            ]))
        return try await pipeline.send(endpoint, as: IModelsEnvelopes.NamedVersionBody.self).namedVersion
    }

    /// Names a changeset of the iModel, or its baseline (`POST /imodels/{id}/namedversions` → `201` with
    /// `{"namedVersion": …}`).
    ///
    /// `changesetId: nil` names the baseline (the body then has no `changesetId`, as the page says). The name is
    /// required, not blank and unique in the iModel (`409 NamedVersionExists` otherwise); name and description are at
    /// most 255 UTF-16 code units. A changeset carries at most one named version (`409 NamedVersionOnChangesetExists`).
    /// The caller needs `imodels_write` on the iModel.
    ///
    /// If the answer is lost after the request was sent (or another unknown outcome), the SDK looks for a named version
    /// of that name on that changeset created since the send before sending again, so no second version is made; a
    /// `409` to that resend is resolved by the same lookup.
    public func createNamedVersion(
        of iModelId: String, name: String, description: String? = nil, changesetId: String? = nil
    ) async throws -> NamedVersion {
        try InputValidation.id(iModelId, named: "iModelId")
        try InputValidation.required(name, named: "name")
        try InputValidation.nameAndDescription(name: name, description: description)
        try InputValidation.optional(changesetId, named: "changesetId", absentMeans: "name the baseline")
        let body = IModelsRequestBodies.CreateNamedVersion(
            name: name, description: description, changesetId: changesetId)
        let endpoint = Endpoint(
            operation: "createNamedVersion", api: .iModels, method: .post,
            target: .path([.id(iModelId, name: "iModelId"), .literal("namedversions")]),
            body: try pipeline.encode(body))
        return try await DuplicateSafeCreate<NamedVersion>(
            operation: endpoint.operation, conflictMayBeOurs: true, id: \.id,
            send: { try await pipeline.send(endpoint, as: IModelsEnvelopes.NamedVersionBody.self).namedVersion },
            lookUp: { sentAt, failedAt in
                try await namedVersionLookup(of: iModelId, named: name, changesetId: changesetId)
                    .find(with: pipeline, sentAt: sentAt, failedAt: failedAt)
            }
        ).perform(clock: pipeline.clock)
    }

    /// Changes a named version's name, description or state (`PATCH /imodels/{id}/namedversions/{namedVersionId}` →
    /// `{"namedVersion": …}`); `nil` leaves a field as it is.
    ///
    /// At least one field must be given, a name must not be blank, and name and description are at most 255 UTF-16
    /// code units; otherwise ``ITwinClientError/invalidRequest(_:)`` before anything is sent. `state: .hidden` keeps
    /// the version in the API's list (applications are meant not to display it). Needs `imodels_write`.
    ///
    /// Like ``updateIModel(_:name:description:extent:)`` it sets fields to the values given, so it is retried as a
    /// read is after a `5xx`, a timeout or a lost connection.
    public func updateNamedVersion(
        _ namedVersionId: String, of iModelId: String, name: String? = nil, description: String? = nil,
        state: NamedVersionState? = nil
    ) async throws -> NamedVersion {
        try InputValidation.id(iModelId, named: "iModelId")
        try InputValidation.id(namedVersionId, named: "namedVersionId")
        guard name != nil || description != nil || state != nil else {
            throw ITwinClientError.invalidRequest(
                "updateNamedVersion needs a name, a description or a state to change.")
        }
        try InputValidation.optional(name, named: "name", absentMeans: "keep the name")
        try InputValidation.nameAndDescription(name: name, description: description)
        if let state { try InputValidation.required(state.rawValue, named: "state") }
        let body = IModelsRequestBodies.UpdateNamedVersion(name: name, description: description, state: state)
        let endpoint = Endpoint(
            operation: "updateNamedVersion", api: .iModels, method: .patch,
            target: .path([
                .id(iModelId, name: "iModelId"), .literal("namedversions"), .id(namedVersionId, name: "namedVersionId"),
            ]),
            body: try pipeline.encode(body), isIdempotent: true)
        return try await pipeline.send(endpoint, as: IModelsEnvelopes.NamedVersionBody.self).namedVersion
    }

    /// `GET /imodels/{id}/namedversions` in full, with `query`.
    func namedVersionsEndpoint(_ iModelId: String, query: [(String, String)]) -> Endpoint {
        Endpoint(
            operation: "listNamedVersions", api: .iModels, method: .get,
            target: .path([.id(iModelId, name: "iModelId"), .literal("namedversions")]), query: query,
            headers: ["Prefer": "return=representation"])
    }
}
