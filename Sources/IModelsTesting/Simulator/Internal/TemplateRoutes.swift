import Foundation
import IModelsClient

/// `POST /imodels` with `creationMode: "fromiModelVersion"`: an iModel made from another iModel's state.
extension SimulatorState {
    /// The template's state at `template.changesetId` (its latest without one) becomes the new iModel's baseline:
    /// the new iModel has no changesets and no named versions. It answers `201` with a `notInitialized` iModel whose
    /// create operation is `scheduled`, then `initialized` and `successful` after the clone durations
    /// (``SimulatorOptions/initializationTime`` and ``SimulatorOptions/completionTime``); its create operation has
    /// neither `clonedFrom` nor `forkedFrom`.
    ///
    /// `template` takes only `iModelId` (required) and `changesetId`; a missing template iModel is
    /// `404 iModelNotFound`, an unknown changeset `404 ChangesetNotFound`, `changesetId: ""` and a coordinate system or
    /// baseline file `422 InvalidValue`, a template that is not `initialized` `409 iModelIsNotInitialized`. Needs
    /// `imodels_manage` in the target iTwin and `imodels_read` in the template's. The simulator has one data center.
    mutating func createIModelFromTemplate(
        _ body: RequestBody, iTwinId: String, name: String, description: String?, request: SimulatorRequest,
        token: TokenRecord, now: Date
    ) throws -> HTTPResponse {
        for refused in ["baselineFile", "geographicCoordinateSystem"] where body.contains(refused) {
            throw body.invalidValue(refused, "The value cannot be used with 'creationMode' 'fromiModelVersion'.")
        }
        guard let template = body.members["template"]?.objectValue else {
            throw body.missingProperty("template")
        }
        if let unknown = template.keys.sorted().first(where: { !["iModelId", "changesetId"].contains($0) }) {
            throw body.invalidValue("template", "Property '\(unknown)' is not allowed.")
        }
        guard let templateId = template["iModelId"]?.stringValue,
            !templateId.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else { throw body.missingProperty("template.iModelId") }
        var changesetId: String?
        if let value = template["changesetId"], value != .null {
            guard let text = value.stringValue, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw body.invalidValue("template", "'changesetId' must be a non-empty string when given.")
            }
            changesetId = text
        }
        let extent = try body.extent()
        let containersEnabled = try body.containersEnabled()
        let source = try existingIModel(templateId)
        guard iTwins[iTwinId] != nil else { throw Rejection(SimulatorReply.iTwinNotFound()) }
        try require(.read, in: source.iTwinId, token: token)
        try require(.manage, in: iTwinId, token: token)
        if let changesetId, !source.changesets.contains(where: { $0.id.lowercased() == changesetId.lowercased() }) {
            throw Rejection(SimulatorReply.changesetNotFound())
        }
        if source.creation.iModelState(at: now) != "initialized" {
            throw Rejection(SimulatorReply.sourceNotInitialized(fork: false))
        }
        try requireUniqueName(name, in: iTwinId)
        let creation = CreationRecord(
            origin: .empty, initializedAt: now.addingTimeInterval(options.initializationTime.simulatorSeconds),
            completedAt: now.addingTimeInterval(options.completionTime.simulatorSeconds), outcome: "successful")
        let record = insertIModel(
            IModelRecord(
                id: ids.guid(), iTwinId: iTwinId, name: name, description: description,
                extent: extent ?? source.extent, containersEnabled: containersEnabled,
                horizontalCRSId: source.horizontalCRSId, createdAt: now, changesets: [],
                isMissingFederationGuids: source.isMissingFederationGuids, elementCount: source.elementCount,
                creation: creation, subjects: source.subjects))
        return SimulatorReply.json(201, .object([("iModel", iModelJSON(record, origin: request.origin, now: now))]))
    }
}
