import Foundation

extension IModelsAPI {
    /// Creates an iModel from a template: the state of another iModel at one changeset becomes the new iModel's
    /// baseline (`POST /imodels` with `creationMode: "fromiModelVersion"` and `template: {iModelId, changesetId}`),
    /// and returns it once it can be used.
    ///
    /// Unlike a fork (a closed preview), this is generally available; like a squashed fork, the new iModel has no
    /// changesets (its history is squashed into the baseline) and no named versions. The caller needs
    /// `imodels_manage` in the target iTwin and `imodels_read` on the template; the template's iTwin must be in the
    /// same data center as the target iTwin (the Create iModel page).
    ///
    /// What is sent for `point`: ``ChangesetPoint/latest`` sends no `changesetId` (the template's latest state);
    /// ``ChangesetPoint/changesetId(_:)`` sends it; ``ChangesetPoint/changesetIndex(_:)`` and
    /// ``ChangesetPoint/namedVersion(_:)`` are first read from the template (`GET …/changesets/{index}`,
    /// `GET …/namedversions/{id}`) and sent as that changeset's id. The pages do not say how to name the template's
    /// baseline, so ``ChangesetPoint/baselineOnly``, index 0 and a named version of the baseline are refused with
    /// ``ITwinClientError/invalidRequest(_:)`` before anything is sent (as `IModelsSimulator` refuses
    /// `changesetId: ""`).
    ///
    /// The iModel is created through a create operation, as a clone is: the call waits for its `successful` (polling
    /// with the client's ``PollingPolicy``) and reads the iModel again; it throws what
    /// ``waitUntilCreated(_:until:timeout:onUpdate:)`` throws (`creationFailed`, `timedOut`) after `timeout`.
    /// Cancelling stops the wait, not the creation. If the answer is lost after the request was sent (or another
    /// unknown outcome), the SDK looks in the iTwin for an iModel of that name created since the send (and not a clone
    /// or fork, whose create operation names a source) before sending again, so no second iModel is made: the name is
    /// unique in the iTwin.
    public func createIModel(
        fromTemplate templateIModelId: String,
        upTo point: ChangesetPoint = .latest,
        in iTwinId: String,
        name: String,
        description: String? = nil,
        timeout: Duration = .seconds(1800)
    ) async throws -> IModel {
        try InputValidation.id(templateIModelId, named: "templateIModelId")
        try InputValidation.id(iTwinId, named: "iTwinId")
        try InputValidation.required(name, named: "name")
        try InputValidation.nameAndDescription(name: name, description: description)
        try point.validate()
        let changesetId = try await templateChangesetId(point, of: templateIModelId)
        let body = IModelsRequestBodies.CreateFromTemplate(
            iTwinId: iTwinId, name: name, description: description,
            template: .init(iModelId: templateIModelId, changesetId: changesetId))
        let endpoint = Endpoint(
            operation: "createIModelFromTemplate", api: .iModels, method: .post, target: .path([]),
            body: try pipeline.encode(body))
        let created = try await sendNamedCreate(endpoint, in: iTwinId, named: name)
        return try await waitUntilCreated(created.id, until: .completed, timeout: timeout)
    }

    /// The `template.changesetId` for `point` of the template: `nil` for the latest state.
    private func templateChangesetId(_ point: ChangesetPoint, of templateIModelId: String) async throws -> String? {
        let baselineRefused = ITwinClientError.invalidRequest(
            "a template's baseline cannot be named: pass .latest or a changeset (by id, index or named version).")
        switch try await resolved(point, of: templateIModelId) {
        case .latest:
            return nil
        case .baselineOnly, .changesetIndex(0):
            throw baselineRefused
        case .changesetId(let id):
            return id
        case .changesetIndex(let index):
            return try await changeset(.index(index), of: templateIModelId).id
        case .namedVersion:
            throw baselineRefused  // `resolved` never returns a named version.
        }
    }
}
