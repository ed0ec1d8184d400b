import Foundation
import IModelsClient

/// The iModels API v2 named-version routes: `GET|POST /imodels/{id}/namedversions` and
/// `GET|PATCH /imodels/{id}/namedversions/{namedVersionId}`.
extension SimulatorState {
    mutating func routeNamedVersions(
        _ path: [String], request: SimulatorRequest, token: TokenRecord, now: Date
    ) throws -> HTTPResponse {
        switch (request.method, path.count) {
        case (.get, 2):
            return try listNamedVersions(path[0], request: request, token: token)
        case (.post, 2):
            return try createNamedVersion(path[0], request: request, token: token, now: now)
        case (.get, 3):
            let record = try readableIModel(path[0], token: token)
            let version = try existingNamedVersion(path[2], in: record)
            return SimulatorReply.json(
                200,
                .object([("namedVersion", namedVersionJSON(version, iModelId: record.id, origin: request.origin))]))
        case (.patch, 3):
            return try updateNamedVersion(path[0], path[2], request: request, token: token)
        default:
            throw noRoute(request)
        }
    }

    func existingNamedVersion(_ id: String, in record: IModelRecord) throws -> NamedVersionRecord {
        guard let version = record.namedVersions.first(where: { $0.id == id }) else {
            throw Rejection(
                SimulatorReply.error(
                    404, code: "NamedVersionNotFound", message: "Requested Named Version '\(id)' is not available."))
        }
        return version
    }

    /// `GET …/namedversions`: `$top`, `$skip`, `$continuationToken`, `$orderBy` (`changesetIndex` and
    /// `createdDateTime`, `asc` or `desc`, comma-separated), `$search` (name or description contains, ignoring case)
    /// and `name` (exact); `$search` with `name` is refused (`422 MutuallyExclusiveParametersProvided`). Without
    /// `$orderBy` the order is by changeset index, then creation. Minimal unless `Prefer: return=representation`.
    func listNamedVersions(_ iModelId: String, request: SimulatorRequest, token: TokenRecord) throws -> HTTPResponse {
        let reject = invalid("Cannot get Named Versions.")
        let record = try readableIModel(iModelId, token: token)
        if request.query["name"] != nil && request.query["$search"] != nil {
            throw Rejection(
                reject(
                    .init(
                        code: "MutuallyExclusiveParametersProvided",
                        message: "'name' and '$search' cannot be combined.")))
        }
        var versions = record.namedVersions.enumerated().sorted {
            ($0.element.changesetIndex, $0.offset) < ($1.element.changesetIndex, $1.offset)
        }
        .map(\.element)
        if let name = request.query["name"] { versions = versions.filter { $0.name == name } }
        if let search = request.query["$search"]?.lowercased(), !search.isEmpty {
            versions = versions.filter {
                $0.name.lowercased().contains(search) || ($0.description?.lowercased().contains(search) ?? false)
            }
        }
        if let orderBy = request.query["$orderBy"] {
            let invalidOrder = Rejection(
                reject(.init(code: "InvalidValue", message: "'$orderBy' is not valid.", target: "$orderBy")))
            var clauses: [(property: String, descending: Bool)] = []
            for clause in orderBy.split(separator: ",", omittingEmptySubsequences: false) {
                let parts = clause.split(separator: " ").map(String.init)
                guard let property = parts.first, ["changesetIndex", "createdDateTime"].contains(property),
                    parts.count <= 2, parts.count == 1 || ["asc", "desc"].contains(parts[1].lowercased())
                else { throw invalidOrder }
                clauses.append((property, parts.count == 2 && parts[1].lowercased() == "desc"))
            }
            guard !clauses.isEmpty else { throw invalidOrder }
            versions.sort { first, second in
                for clause in clauses {
                    let (a, b) = clause.descending ? (second, first) : (first, second)
                    if clause.property == "changesetIndex", a.changesetIndex != b.changesetIndex {
                        return a.changesetIndex < b.changesetIndex
                    }
                    if clause.property == "createdDateTime", a.createdAt != b.createdAt {
                        return a.createdAt < b.createdAt
                    }
                }
                return false
            }
        }
        let full = request.prefersRepresentation
        let items = versions.map {
            full ? namedVersionJSON($0, iModelId: record.id, origin: request.origin) : minimalNamedVersionJSON($0)
        }
        return try page(
            items, key: "namedVersions", request: request,
            path: "/imodels/\(SimulatorRequest.encodeSegment(record.id))/namedversions", invalid: reject)
    }

    /// `POST …/namedversions` → `201 {"namedVersion"}`: `name` required (not blank, at most 255 characters, unique in
    /// the iModel ignoring case, else `409 NamedVersionExists`), `description` at most 255, `changesetId` absent or
    /// null for the baseline, else an existing changeset (`404 ChangesetNotFound`; `""` is `422 InvalidValue`); one
    /// named version per changeset and one for the baseline (`409 NamedVersionOnChangesetExists`). Needs
    /// `imodels_write`.
    mutating func createNamedVersion(
        _ iModelId: String, request: SimulatorRequest, token: TokenRecord, now: Date
    ) throws -> HTTPResponse {
        let reject = invalid("Cannot create Named Version.")
        let body = try RequestBody(
            request, allowed: ["name", "description", "changesetId"],
            missing: reject(.init(code: "MissingRequestBody", message: "Request body was not provided.")),
            reject: reject)
        let name = try body.string("name", required: true, maxLength: 255)!
        let description = try body.string("description", maxLength: 255)
        let changesetId = try body.string("changesetId")
        if let changesetId, changesetId.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw body.invalidValue("changesetId", "The value must not be empty; leave it out to name the baseline.")
        }
        let record = try existingIModel(iModelId)
        try require(.write, in: record.iTwinId, token: token)
        var index = 0
        if let changesetId {
            guard let changeset = record.changesets.first(where: { $0.id.lowercased() == changesetId.lowercased() })
            else { throw Rejection(SimulatorReply.changesetNotFound()) }
            index = changeset.index
        }
        try requireUniqueVersionName(name, in: record, except: nil)
        if record.namedVersions.contains(where: { $0.changesetIndex == index }) {
            throw Rejection(
                SimulatorReply.error(
                    409, code: "NamedVersionOnChangesetExists",
                    message: "Named Version already exists on the specified Changeset."))
        }
        let version = NamedVersionRecord(
            id: ids.guid(), name: name, description: description,
            changesetId: index == 0 ? nil : record.changesets.first { $0.index == index }?.id, changesetIndex: index,
            state: "visible", createdAt: now)
        iModels[record.id]?.namedVersions.append(version)
        return SimulatorReply.json(
            201, .object([("namedVersion", namedVersionJSON(version, iModelId: record.id, origin: request.origin))]))
    }

    /// `PATCH …/namedversions/{id}` → `200 {"namedVersion"}`: `name`, `description`, `state` (`visible` or `hidden`);
    /// at least one of them (`422 InvalidRequestBody` for none); the name rules of creation. Needs `imodels_write`.
    mutating func updateNamedVersion(
        _ iModelId: String, _ versionId: String, request: SimulatorRequest, token: TokenRecord
    ) throws -> HTTPResponse {
        let reject = invalid("Cannot update Named Version.")
        let body = try RequestBody(
            request, allowed: ["name", "description", "state"],
            missing: reject(.init(code: "MissingRequestBody", message: "Request body was not provided.")),
            reject: reject)
        let name = try body.string("name", maxLength: 255)
        if let name, name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw body.invalidValue("name", "The value must not be blank.")
        }
        let description = try body.string("description", maxLength: 255)
        let state = try body.string("state")
        if let state, !["visible", "hidden"].contains(state) {
            throw body.invalidValue("state", "The value must be 'visible' or 'hidden'.")
        }
        guard name != nil || description != nil || state != nil else {
            throw Rejection(
                reject(
                    .init(
                        code: "InvalidRequestBody",
                        message: "At least one of 'name', 'description' and 'state' must be provided.")))
        }
        let record = try existingIModel(iModelId)
        try require(.write, in: record.iTwinId, token: token)
        var version = try existingNamedVersion(versionId, in: record)
        if let name { try requireUniqueVersionName(name, in: record, except: version.id) }
        version.name = name ?? version.name
        version.description = description ?? version.description
        version.state = state ?? version.state
        if let position = record.namedVersions.firstIndex(where: { $0.id == version.id }) {
            iModels[record.id]?.namedVersions[position] = version
        }
        return SimulatorReply.json(
            200, .object([("namedVersion", namedVersionJSON(version, iModelId: record.id, origin: request.origin))]))
    }

    func requireUniqueVersionName(_ name: String, in record: IModelRecord, except id: String?) throws {
        if record.namedVersions.contains(where: { $0.id != id && $0.name.lowercased() == name.lowercased() }) {
            throw Rejection(
                SimulatorReply.error(
                    409, code: "NamedVersionExists", message: "Named Version with the same name already exists."))
        }
    }

    /// The minimal shape: `id`, `displayName`, `changesetId` (null for the baseline), `changesetIndex`.
    func minimalNamedVersionJSON(_ version: NamedVersionRecord) -> WireJSON {
        .object([
            ("id", .string(version.id)), ("displayName", .string(version.name)),
            ("changesetId", .optional(version.changesetId)), ("changesetIndex", .int(version.changesetIndex)),
        ])
    }

    /// The full shape of the Get iModel Named Version details example.
    func namedVersionJSON(_ version: NamedVersionRecord, iModelId: String, origin: String) -> WireJSON {
        let base = "\(origin)/imodels/\(SimulatorRequest.encodeSegment(iModelId))"
        return .object([
            ("id", .string(version.id)), ("displayName", .string(version.name)),
            ("changesetId", .optional(version.changesetId)), ("changesetIndex", .int(version.changesetIndex)),
            ("name", .string(version.name)), ("description", .optional(version.description)),
            ("createdDateTime", SimulatorReply.date(version.createdAt)), ("state", .string(version.state)),
            (
                "application",
                .object([("id", .string(version.application.id)), ("name", .string(version.application.name))])
            ),
            (
                "_links",
                .object([
                    ("creator", Self.creatorLink(iModelId: iModelId, origin: origin)),
                    ("changeset", version.changesetId.map { .link("\(base)/changesets/\($0)") } ?? .null),
                ])
            ),
        ])
    }
}
