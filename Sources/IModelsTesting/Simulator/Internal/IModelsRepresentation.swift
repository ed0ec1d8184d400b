import Foundation
import IModelsClient

/// The iModels API's JSON for the simulator's records.
extension SimulatorState {
    /// The id of the user every simulated iModel and changeset was created by: a GUID, as the service's user ids are.
    static let userId = "6f3c2a1e-8b4d-4e7a-9c0f-5d2b1a3e4f60"

    /// The application the seeded changesets name (the simulator's own).
    static let seedApplication = (id: "imodels-simulator", name: "iModels Simulator")

    /// The application of the changesets transformation runs push (the simulator's own).
    static let transformationsApplication = (id: "itwin-transformations", name: "iTwin Transformations")

    /// `_links.creator` as the service writes it: the iModels API's user, `{origin}/imodels/{id}/users/{userId}`
    /// (the Get iModel details and Get Changeset details examples;
    /// Tests/IModelsClientTests/Fixtures/imodel-details-200.json).
    static func creatorLink(iModelId: String, origin: String) -> WireJSON {
        .link("\(origin)/imodels/\(SimulatorRequest.encodeSegment(iModelId))/users/\(userId)")
    }

    func iModelJSON(_ record: IModelRecord, origin: String, now: Date) -> WireJSON {
        let base = "\(origin)/imodels/\(SimulatorRequest.encodeSegment(record.id))"
        let lastPush = record.changesets.last.map { SimulatorReply.date($0.pushedAt) } ?? .null
        return .object([
            ("id", .string(record.id)),
            ("displayName", .string(record.name)),
            ("name", .string(record.name)),
            ("description", .optional(record.description)),
            ("state", .string(record.creation.iModelState(at: now))),
            ("createdDateTime", SimulatorReply.date(record.createdAt)),
            ("lastChangesetPushDateTime", lastPush),
            ("iTwinId", .string(record.iTwinId)),
            ("isSecured", false),
            ("extent", record.extent.map(Self.extentJSON) ?? .null),
            ("containersEnabled", .int(record.containersEnabled)),
            ("dataCenterLocation", "East US"),
            (
                "geographicCoordinateSystem",
                record.horizontalCRSId.map { .object([("horizontalCRSId", .string($0))]) } ?? .null
            ),
            (
                "_links",
                .object([
                    ("creator", Self.creatorLink(iModelId: record.id, origin: origin)),
                    ("changesets", .link("\(base)/changesets")),
                    ("namedVersions", .link("\(base)/namedversions")),
                ])
            ),
        ])
    }

    func minimalIModelJSON(_ record: IModelRecord) -> WireJSON {
        .object([("id", .string(record.id)), ("displayName", .string(record.name))])
    }

    static func extentJSON(_ extent: IModelExtent) -> WireJSON {
        func point(_ point: IModelExtent.Point) -> WireJSON {
            .object([("latitude", .double(point.latitude)), ("longitude", .double(point.longitude))])
        }
        return .object([("southWest", point(extent.southWest)), ("northEast", point(extent.northEast))])
    }

    /// A changeset: the minimal shape (a list without `Prefer: return=representation`), or the full one (a single
    /// changeset, or a list with it) that adds `application`, `synchronizationInfo` and the `namedVersion`,
    /// `currentOrPrecedingCheckpoint` and `download` links (the Get Changeset details page; Bentley's TypeScript client,
    /// clients/imodels-client-management/src/base/types/apiEntities/ChangesetInterfaces.ts).
    ///
    /// `namedVersion` links the named version on the changeset, if any; the simulator has no checkpoints, so
    /// `currentOrPrecedingCheckpoint` is null; `download` is a storage link on
    /// another origin, null when the caller lacks `imodels_read` (as documented); `synchronizationInfo` is null.
    func changesetJSON(
        _ changeset: ChangesetRecord, iModelId: String, origin: String, full: Bool, canDownload: Bool = false
    ) -> WireJSON {
        let base = "\(origin)/imodels/\(SimulatorRequest.encodeSegment(iModelId))"
        var members: [(String, WireJSON)] = [
            ("id", .string(changeset.id)),
            ("displayName", .string(String(changeset.index))),
            ("description", .string(changeset.description)),
            ("index", .int(changeset.index)),
            ("parentId", .string(changeset.parentId)),
            ("creatorId", .string(Self.userId)),
            ("pushDateTime", SimulatorReply.date(changeset.pushedAt)),
            ("state", "fileUploaded"),
            ("containingChanges", 0),
            ("fileSize", .int(changeset.fileSize)),
            ("briefcaseId", .int(changeset.briefcaseId)),
            ("groupId", .null),
        ]
        var links: [(String, WireJSON)] = [
            ("self", .link("\(base)/changesets/\(changeset.id)")),
            ("creator", Self.creatorLink(iModelId: iModelId, origin: origin)),
        ]
        if full {
            members.append(
                (
                    "application",
                    .object([("id", .string(changeset.application.id)), ("name", .string(changeset.application.name))])
                ))
            members.append(("synchronizationInfo", .null))
            let download: WireJSON =
                canDownload
                ? .object([
                    (
                        "href",
                        .string(
                            "https://imodelssimulator.blob.core.windows.net/imodels/"
                                + "\(SimulatorRequest.encodeSegment(iModelId))/changesets/\(changeset.id).cs")
                    ),
                    ("storageType", "azure"),
                ]) : .null
            let namedVersion = iModels[iModelId]?.namedVersions.first { $0.changesetId == changeset.id }
            links += [
                ("namedVersion", namedVersion.map { .link("\(base)/namedversions/\($0.id)") } ?? .null),
                ("currentOrPrecedingCheckpoint", .null), ("download", download),
            ]
        }
        members.append(("_links", .object(links)))
        return .object(members)
    }

    func createOperationJSON(_ record: IModelRecord, now: Date) -> WireJSON {
        var clonedFrom: WireJSON = .null
        var forkedFrom: WireJSON = .null
        switch record.creation.origin {
        case .seeded, .empty:
            break
        case .clone(let sourceId, let changesetId):
            clonedFrom = .object([("iModelId", .string(sourceId)), ("changesetId", .string(changesetId))])
        case .fork(let mainId, let changesetId, let relationshipId):
            forkedFrom = .object([
                ("iModelId", .string(mainId)), ("changesetId", .string(changesetId)),
                ("relationshipId", .string(relationshipId)),
            ])
        }
        return .object([
            (
                "createOperation",
                .object([
                    ("state", .string(record.creation.operationState(at: now))),
                    ("clonedFrom", clonedFrom),
                    ("forkedFrom", forkedFrom),
                ])
            )
        ])
    }

    /// One page of a collection: `{"<key>": [...], "_links": {"self", "prev", "next"}}`, continued with an opaque
    /// `$continuationToken` (or the deprecated `$skip`, a plain offset).
    ///
    /// A token names the last item of the page before (an id cursor), so an iModel created or deleted between two
    /// requests neither repeats nor skips an item on the next page: the harder case for paging code, and the one a
    /// cursor-based service gives. Only when that item itself is gone does the token fall back to its position. The
    /// service's tokens are opaque and undocumented; this format is the simulator's own.
    func page(
        _ items: [WireJSON], key: String, request: SimulatorRequest, path: String,
        invalid: (SimulatorReply.Detail) -> HTTPResponse
    ) throws -> HTTPResponse {
        var top = options.defaultPageSize
        if let text = request.query["$top"] {
            guard let value = Int(text), (1...1000).contains(value) else {
                throw Rejection(
                    invalid(.init(code: "InvalidValue", message: "'$top' must be in 1...1000.", target: "$top")))
            }
            top = value
        }
        var offset = 0
        let token = request.query["$continuationToken"].flatMap { $0.isEmpty ? nil : $0 }
        if let skip = request.query["$skip"] {
            if token != nil {
                throw Rejection(
                    invalid(
                        .init(
                            code: "MutuallyExclusiveParametersProvided",
                            message: "'$skip' and '$continuationToken' cannot be combined.")))
            }
            guard let value = Int(skip), value >= 0 else {
                throw Rejection(invalid(.init(code: "InvalidValue", message: "'$skip' is not valid.", target: "$skip")))
            }
            offset = value
        } else if let token {
            guard let cursor = PageCursor(token: token) else {
                throw Rejection(
                    invalid(
                        .init(
                            code: "InvalidValue", message: "'$continuationToken' is not valid.",
                            target: "$continuationToken")))
            }
            offset = cursor.offset(in: items.map(Self.itemId))
        }
        offset = min(offset, items.count)
        let slice = Array(items.dropFirst(offset).prefix(top))
        var kept = request.query.filter { !["$skip", "$continuationToken"].contains($0.key) }
        kept["$top"] = String(top)
        /// The page that starts right after `items[index]` (at the beginning for `-1`).
        func link(after index: Int) -> WireJSON {
            var query = kept
            if index >= 0 {
                query["$continuationToken"] = PageCursor(id: Self.itemId(items[index]), position: index).token
            }
            return .link("\(request.origin)\(path)?\(Self.encode(query))")
        }
        let selfLink: WireJSON = .link(
            "\(request.origin)\(path)" + (request.query.isEmpty ? "" : "?\(Self.encode(request.query))"))
        let next = offset + top < items.count ? link(after: offset + top - 1) : .null
        let prev = offset > 0 ? link(after: max(0, offset - top) - 1) : .null
        return SimulatorReply.json(
            200,
            .object([
                (key, .array(slice)), ("_links", .object([("self", selfLink), ("prev", prev), ("next", next)])),
            ]))
    }

    /// The `id` member of a collection item (`""` when it has none).
    static func itemId(_ item: WireJSON) -> String {
        guard case .object(let members) = item, case .string(let id)? = members.first(where: { $0.0 == "id" })?.1
        else { return "" }
        return id
    }

    static func encode(_ query: [String: String]) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~$")
        return query.sorted { $0.key < $1.key }
            .map {
                "\($0.key.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.key)="
                    + ($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.value)
            }
            .joined(separator: "&")
    }
}
