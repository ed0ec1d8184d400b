import Foundation
import IModelsClient

/// The iModels API v2 copy routes: `POST /imodels/{id}/clone` and `/fork`.
extension SimulatorState {
    /// `POST /imodels/{id}/clone` and `/fork`: validated like the service, then a new iModel whose creation runs on
    /// the clock.
    mutating func copyIModel(
        _ sourceId: String, fork: Bool, request: SimulatorRequest, token: TokenRecord, now: Date
    ) throws -> HTTPResponse {
        let reject = invalid(fork ? "Cannot fork iModel." : "Cannot clone iModel.")
        var allowed: Set<String> = [
            "iTwinId", "name", "description", "changesetId", "changesetIndex", "containersEnabled",
        ]
        if fork { allowed.insert("preserveHistory") }
        let body = try RequestBody(
            request, allowed: allowed,
            missing: reject(.init(code: "MissingRequestBody", message: "Request body was not provided.")),
            reject: reject)
        let iTwinId = try body.string("iTwinId", required: true)!
        let name = try body.string("name", maxLength: 255)
        if let name, name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw body.invalidValue("name", "The value must not be blank.")
        }
        let description = try body.string("description", maxLength: 255)
        let changesetId = try body.string("changesetId")
        let changesetIndex = try body.int("changesetIndex", minimum: 0)
        let containersEnabled = try body.containersEnabled()
        let preserveHistory = try body.bool("preserveHistory") ?? false
        if body.contains("changesetId") && body.contains("changesetIndex") {
            throw Rejection(
                reject(
                    .init(
                        code: "MutuallyExclusivePropertiesProvided",
                        message: "Only one of 'changesetId' and 'changesetIndex' can be provided.")))
        }
        let source = try existingIModel(sourceId)
        guard iTwins[iTwinId] != nil else { throw Rejection(SimulatorReply.iTwinNotFound()) }
        try require(.manage, in: source.iTwinId, token: token)
        try require(.manage, in: iTwinId, token: token)
        // The documentation does not say what happens to a copy of an iModel that is still being created or whose
        // creation failed; the simulator refuses it (the stricter side) until it says otherwise.
        if source.creation.iModelState(at: now) != "initialized" {
            throw Rejection(SimulatorReply.sourceNotInitialized(fork: fork))
        }

        let copied: [ChangesetRecord]
        if let changesetId {
            if changesetId.isEmpty {
                copied = []
            } else {
                guard let last = source.changesets.firstIndex(where: { $0.id == changesetId }) else {
                    throw Rejection(SimulatorReply.changesetNotFound())
                }
                copied = Array(source.changesets[...last])
            }
        } else if let changesetIndex {
            guard changesetIndex == 0 || source.changesets.contains(where: { $0.index == changesetIndex }) else {
                throw Rejection(SimulatorReply.changesetNotFound())
            }
            copied = source.changesets.filter { $0.index <= changesetIndex }
        } else {
            copied = source.changesets
        }
        let newName = name ?? source.name
        try requireUniqueName(newName, in: iTwinId)

        let upTo = copied.last?.id ?? ""
        var outcome = "successful"
        if failingCopySources.contains(sourceId) {
            outcome = "failed"
        } else if fork && source.isMissingFederationGuids {
            outcome = options.missingFederationGuidsState
        }
        let origin: CreationRecord.Origin =
            fork
            ? .fork(mainId: sourceId, changesetId: upTo, relationshipId: ids.guid())
            : .clone(sourceId: sourceId, changesetId: upTo)
        let creation = CreationRecord(
            origin: origin,
            initializedAt: outcome == "successful"
                ? now.addingTimeInterval(options.initializationTime.simulatorSeconds) : nil,
            completedAt: now.addingTimeInterval(options.completionTime.simulatorSeconds), outcome: outcome)
        let record = insertIModel(
            IModelRecord(
                id: ids.guid(), iTwinId: iTwinId, name: newName, description: description ?? source.description,
                extent: source.extent, containersEnabled: containersEnabled,
                horizontalCRSId: source.horizontalCRSId, createdAt: now,
                changesets: fork && !preserveHistory ? [] : copied,
                isMissingFederationGuids: source.isMissingFederationGuids, elementCount: source.elementCount,
                creation: creation, subjects: source.subjects))
        let location = "\(request.origin)/imodels/\(SimulatorRequest.encodeSegment(record.id))"
        return SimulatorReply.empty(
            202, headers: ["Location": location, "Create-iModel-Operation": "\(location)/operations/create"])
    }
}
