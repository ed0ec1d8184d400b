import Foundation
import IModelsClient

/// The iModels API v2 routes.
extension SimulatorState {
    mutating func routeIModels(_ request: SimulatorRequest, token: TokenRecord, now: Date) throws -> HTTPResponse {
        let path = Array(request.segments.dropFirst())
        if path.count >= 2 && path[1] == "namedversions" {
            return try routeNamedVersions(path, request: request, token: token, now: now)
        }
        switch (request.method, path.count) {
        case (.post, 0):
            return try createIModel(request, token: token, now: now)
        case (.get, 0):
            return try listIModels(request, token: token, now: now)
        case (.get, 1):
            let record = try readableIModel(path[0], token: token)
            return SimulatorReply.json(
                200, .object([("iModel", iModelJSON(record, origin: request.origin, now: now))]))
        case (.patch, 1):
            return try updateIModel(path[0], request: request, token: token, now: now)
        case (.get, 2) where path[1] == "permissions":
            return try iModelPermissions(path[0], token: token)
        case (.delete, 1):
            let record = try existingIModel(path[0])
            try require(.delete, in: record.iTwinId, token: token)
            iModels[record.id] = nil
            iModelOrder.removeAll { $0 == record.id }
            return SimulatorReply.empty(204)
        case (.post, 2) where path[1] == "clone" || path[1] == "fork":
            return try copyIModel(path[0], fork: path[1] == "fork", request: request, token: token, now: now)
        case (.get, 3) where path[1] == "operations" && path[2] == "create":
            let record = try readableIModel(path[0], token: token)
            return SimulatorReply.json(200, createOperationJSON(record, now: now))
        case (.get, 2) where path[1] == "changesets":
            return try listChangesets(path[0], request: request, token: token)
        case (.get, 3) where path[1] == "changesets":
            let record = try readableIModel(path[0], token: token)
            let key = path[2]
            let found =
                key.count < 40 && !key.isEmpty && key.allSatisfy(\.isASCII) && key.allSatisfy(\.isNumber)
                ? record.changesets.first { $0.index == Int(key) } : record.changesets.first { $0.id == key }
            guard let found else { throw Rejection(SimulatorReply.changesetNotFound()) }
            let canDownload = token.permissions(in: record.iTwinId).contains(.read)
            return SimulatorReply.json(
                200,
                .object([
                    (
                        "changeset",
                        changesetJSON(
                            found, iModelId: record.id, origin: request.origin, full: true, canDownload: canDownload)
                    )
                ]))
        default:
            throw noRoute(request)
        }
    }

    func existingIModel(_ id: String) throws -> IModelRecord {
        guard let record = iModels[id] else { throw Rejection(SimulatorReply.iModelNotFound()) }
        return record
    }

    func readableIModel(_ id: String, token: TokenRecord) throws -> IModelRecord {
        let record = try existingIModel(id)
        try require(.webView, in: record.iTwinId, token: token)
        return record
    }

    func invalid(_ summary: String) -> (SimulatorReply.Detail) -> HTTPResponse {
        { SimulatorReply.invalidIModelsRequest(summary, $0) }
    }

    /// `POST /imodels`: empty iModels, and iModels from a template (`creationMode: "fromiModelVersion"`, see
    /// `createIModelFromTemplate`); baselines need files and are not simulated.
    ///
    /// `creationMode: "empty"` answers `201` with a `notInitialized` iModel and a `scheduled` create operation that
    /// become `initialized` and `successful` after ``SimulatorOptions/emptyIModelInitializationTime``. Without
    /// `creationMode` the iModel is the deprecated "empty instantly initialized" one: `initialized` at once.
    /// `extent`, `containersEnabled` and `geographicCoordinateSystem` are validated and kept; a coordinate system is
    /// taken only with `creationMode: "empty"` (the TypeScript client refuses it otherwise; the simulator answers 422).
    mutating func createIModel(_ request: SimulatorRequest, token: TokenRecord, now: Date) throws
        -> HTTPResponse
    {
        let reject = invalid("Cannot create iModel.")
        let body = try RequestBody(
            request,
            allowed: [
                "iTwinId", "name", "description", "extent", "containersEnabled", "creationMode",
                "geographicCoordinateSystem", "template", "baselineFile",
            ],
            missing: reject(.init(code: "MissingRequestBody", message: "Request body was not provided.")),
            reject: reject)
        let iTwinId = try body.string("iTwinId", required: true)!
        let name = try body.string("name", required: true, maxLength: 255)!
        let description = try body.string("description", maxLength: 255)
        let mode = try body.string("creationMode")
        if mode == "fromiModelVersion" {
            return try createIModelFromTemplate(
                body, iTwinId: iTwinId, name: name, description: description,
                request: request, token: token, now: now)
        }
        guard mode == nil || mode == "empty", !body.contains("template"), !body.contains("baselineFile") else {
            throw body.invalidValue(
                "creationMode",
                "'\(mode ?? "")' is not supported by the simulator (only 'empty' and 'fromiModelVersion').")
        }
        let extent = try body.extent()
        let containersEnabled = try body.containersEnabled()
        let horizontalCRSId = try body.horizontalCRSId()
        if horizontalCRSId != nil && mode != "empty" {
            throw body.invalidValue(
                "geographicCoordinateSystem", "A coordinate system can only be set when 'creationMode' is 'empty'.")
        }
        guard iTwins[iTwinId] != nil else { throw Rejection(SimulatorReply.iTwinNotFound()) }
        try require(.manage, in: iTwinId, token: token)
        try requireUniqueName(name, in: iTwinId)
        let ready = mode == nil ? now : now.addingTimeInterval(options.emptyIModelInitializationTime.simulatorSeconds)
        let record = insertIModel(
            IModelRecord(
                id: ids.guid(), iTwinId: iTwinId, name: name, description: description, extent: extent,
                containersEnabled: containersEnabled, horizontalCRSId: horizontalCRSId, createdAt: now,
                changesets: [], isMissingFederationGuids: false, elementCount: 0,
                creation: CreationRecord(
                    origin: .empty, initializedAt: ready, completedAt: ready, outcome: "successful")))
        return SimulatorReply.json(201, .object([("iModel", iModelJSON(record, origin: request.origin, now: now))]))
    }

    func requireUniqueName(_ name: String, in iTwinId: String) throws {
        let taken = iModels.values.contains { $0.iTwinId == iTwinId && $0.name.lowercased() == name.lowercased() }
        if taken {
            throw Rejection(
                SimulatorReply.error(
                    409, code: "iModelExists", message: "iModel with the same name already exists within the iTwin."))
        }
    }

    @discardableResult
    mutating func insertIModel(_ record: IModelRecord) -> IModelRecord {
        if iModels[record.id] == nil { iModelOrder.append(record.id) }
        iModels[record.id] = record
        return record
    }

    func listIModels(_ request: SimulatorRequest, token: TokenRecord, now: Date) throws -> HTTPResponse {
        let reject = invalid("Cannot get iModels.")
        guard let iTwinId = request.query["iTwinId"], !iTwinId.isEmpty else {
            throw Rejection(
                reject(
                    .init(
                        code: "MissingRequiredParameter", message: "Parameter 'iTwinId' is required.", target: "iTwinId"
                    )))
        }
        if request.query["name"] != nil && request.query["$search"] != nil {
            throw Rejection(
                reject(
                    .init(
                        code: "MutuallyExclusiveParametersProvided",
                        message: "'name' and '$search' cannot be combined.")))
        }
        guard iTwins[iTwinId] != nil else { throw Rejection(SimulatorReply.iTwinNotFound()) }
        try require(.webView, in: iTwinId, token: token)
        var records = iModelOrder.compactMap { iModels[$0] }.filter { $0.iTwinId == iTwinId }
        if let name = request.query["name"] { records = records.filter { $0.name == name } }
        if let search = request.query["$search"]?.lowercased(), !search.isEmpty {
            records = records.filter {
                $0.name.lowercased().contains(search) || ($0.description?.lowercased().contains(search) ?? false)
            }
        }
        if let state = request.query["state"] {
            records = records.filter { $0.creation.iModelState(at: now) == state }
        }
        if let orderBy = request.query["$orderBy"] {
            // `property [asc|desc]` clauses separated by commas: `name desc,createdDateTime asc`.
            let invalidOrder = Rejection(
                reject(.init(code: "InvalidValue", message: "'$orderBy' is not valid.", target: "$orderBy")))
            var clauses: [(property: String, descending: Bool)] = []
            for clause in orderBy.split(separator: ",", omittingEmptySubsequences: false) {
                let parts = clause.split(separator: " ").map(String.init)
                guard let property = parts.first, ["name", "createdDateTime"].contains(property), parts.count <= 2,
                    parts.count == 1 || ["asc", "desc"].contains(parts[1].lowercased())
                else { throw invalidOrder }
                clauses.append((property, parts.count == 2 && parts[1].lowercased() == "desc"))
            }
            guard !clauses.isEmpty else { throw invalidOrder }
            records.sort { first, second in
                for clause in clauses {
                    let (a, b) = clause.descending ? (second, first) : (first, second)
                    if clause.property == "name", a.name != b.name { return a.name < b.name }
                    if clause.property == "createdDateTime", a.createdAt != b.createdAt {
                        return a.createdAt < b.createdAt
                    }
                }
                return false
            }
        }
        let full = request.prefersRepresentation
        let items = records.map { full ? iModelJSON($0, origin: request.origin, now: now) : minimalIModelJSON($0) }
        return try page(items, key: "iModels", request: request, path: "/imodels", invalid: reject)
    }

    func listChangesets(_ iModelId: String, request: SimulatorRequest, token: TokenRecord) throws
        -> HTTPResponse
    {
        let reject = invalid("Cannot get changesets.")
        let record = try readableIModel(iModelId, token: token)
        var changesets = record.changesets
        for name in ["afterIndex", "lastIndex"] {
            guard let text = request.query[name] else { continue }
            guard let value = Int(text), value >= 0 else {
                throw Rejection(reject(.init(code: "InvalidValue", message: "'\(name)' is not valid.", target: name)))
            }
            changesets = changesets.filter { name == "afterIndex" ? $0.index > value : $0.index <= value }
        }
        if let orderBy = request.query["$orderBy"] {
            let parts = orderBy.split(separator: " ").map(String.init)
            guard parts.first == "index", parts.count <= 2,
                parts.count == 1 || ["asc", "desc"].contains(parts[1].lowercased())
            else {
                throw Rejection(
                    reject(.init(code: "InvalidValue", message: "'$orderBy' is not valid.", target: "$orderBy")))
            }
            if parts.count == 2 && parts[1].lowercased() == "desc" { changesets.reverse() }
        }
        // Minimal unless the caller asks for the representation (the Get iModel Changesets page).
        let full = request.prefersRepresentation
        let canDownload = token.permissions(in: record.iTwinId).contains(.read)
        let items = changesets.map {
            changesetJSON($0, iModelId: record.id, origin: request.origin, full: full, canDownload: canDownload)
        }
        return try page(
            items, key: "changesets", request: request,
            path: "/imodels/\(SimulatorRequest.encodeSegment(record.id))/changesets",
            invalid: reject)
    }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    var simulatorSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
