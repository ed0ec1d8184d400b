import Foundation
import IModelsClient

/// `PATCH /imodels/{id}` (Update iModel) and `GET /imodels/{id}/permissions` (Get iModel Permissions).
extension SimulatorState {
    /// Updates an iModel's `name`, `description` and `extent` and answers `200` with the iModel.
    ///
    /// As documented: `imodels_manage` is needed (else `403 InsufficientPermissions`), an unknown iModel is
    /// `404 iModelNotFound`. Where the page is silent, the simulator's choices: no other property is taken (`422
    /// InvalidRequestBody`); an empty object is refused (`422 InvalidRequestBody`); `name` must be a non-blank string
    /// of at most 255 characters (`null` is refused: an iModel has a name), `description` at most 255 (`null` or `""`
    /// clears it), `extent` is validated as on create (`null` clears it); a name another iModel of the iTwin has,
    /// ignoring case, is `409 iModelExists`, while the iModel's own name is accepted (so a resent rename succeeds);
    /// an iModel that is not `initialized` yet is `409 iModelIsNotInitialized`.
    mutating func updateIModel(_ iModelId: String, request: SimulatorRequest, token: TokenRecord, now: Date) throws
        -> HTTPResponse
    {
        let reject = invalid("Cannot update iModel.")
        var record = try existingIModel(iModelId)
        try require(.manage, in: record.iTwinId, token: token)
        let body = try RequestBody(
            request, allowed: ["name", "description", "extent"],
            missing: reject(.init(code: "MissingRequestBody", message: "Request body was not provided.")),
            reject: reject)
        guard !body.members.isEmpty else {
            throw Rejection(
                reject(
                    .init(
                        code: "InvalidRequestBody",
                        message: "At least one of 'name', 'description' and 'extent' must be provided.")))
        }
        if body.contains("name") && body.members["name"] == .null {
            throw body.invalidValue("name", "The value must not be null.")
        }
        let name = try body.string("name", maxLength: 255)
        if let name, name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw body.invalidValue("name", "The value must not be blank.")
        }
        let description = try body.string("description", maxLength: 255)
        let extent = try body.extent()
        guard record.creation.iModelState(at: now) == "initialized" else {
            throw Rejection(
                SimulatorReply.error(
                    409, code: "iModelIsNotInitialized",
                    message: "The iModel is not initialized: wait until its creation has completed."))
        }
        if let name {
            let taken = iModels.values.contains {
                $0.id != record.id && $0.iTwinId == record.iTwinId && $0.name.lowercased() == name.lowercased()
            }
            if taken {
                throw Rejection(
                    SimulatorReply.error(
                        409, code: "iModelExists",
                        message: "iModel with the same name already exists within the iTwin."))
            }
            record.name = name
        }
        if body.contains("description") { record.description = description.flatMap { $0.isEmpty ? nil : $0 } }
        if body.contains("extent") { record.extent = extent }
        iModels[record.id] = record
        return SimulatorReply.json(200, .object([("iModel", iModelJSON(record, origin: request.origin, now: now))]))
    }

    /// The token's permissions in the iModel's iTwin, sorted by name: the simulator has no iModel-level permissions,
    /// so it answers what the page says it answers when none are configured. Needs `imodels_webview`, as documented.
    func iModelPermissions(_ iModelId: String, token: TokenRecord) throws -> HTTPResponse {
        let record = try readableIModel(iModelId, token: token)
        let names = token.permissions(in: record.iTwinId).map(\.rawValue).sorted()
        return SimulatorReply.json(200, .object([("permissions", .array(names.map { .string($0) }))]))
    }
}
