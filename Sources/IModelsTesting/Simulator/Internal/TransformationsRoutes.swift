import Foundation
import IModelsClient

/// The Transformations API v1 routes: configurations (every documented type), runs and reports.
extension SimulatorState {
    static let configurationPaths = [
        "importimodel": "ImportIModel", "mergeimodel": "MergeIModel",
        "populatefederationguids": "PopulateFederationGuids", "filterimodel": "FilterIModel",
        "filterbyviewdefinition": "FilterByViewDefinition", "filtersubcategories": "FilterSubCategories",
        "filterbysavedview": "FilterBySavedView", "combineimodels": "CombineIModels",
        "combinephysicalmodels": "CombinePhysicalModels", "combinephysicalmodelsv2": "CombinePhysicalModelsV2",
        "alignimodeldata": "AlignIModelData",
    ]

    mutating func routeTransformations(_ request: SimulatorRequest, token: TokenRecord, now: Date) throws
        -> HTTPResponse
    {
        let path = Array(request.segments.dropFirst())
        switch (request.method, path.count) {
        case (.post, 2) where path[0] == "configurations":
            guard let type = Self.configurationPaths[path[1]] else { throw noRoute(request) }
            return try createConfiguration(type, request: request, token: token, now: now)
        case (.get, 1) where path[0] == "configurations":
            return try listConfigurations(request, token: token)
        case (.get, 2) where path[0] == "configurations":
            let record = try readableConfiguration(path[1], token: token)
            return SimulatorReply.json(
                200, .object([("configuration", configurationJSON(record, origin: request.origin))]))
        case (.delete, 2) where path[0] == "configurations":
            let record = try existingConfiguration(path[1])
            try require(.read, in: record.sourceProjectId, token: token)
            try require(.write, in: record.targetProjectId, token: token)
            configurations[record.id] = nil
            configurationOrder.removeAll { $0 == record.id }
            return SimulatorReply.json(
                200, .object([("configuration", configurationJSON(record, origin: request.origin))]))
        case (.post, 0):
            return try startRun(request, token: token, now: now)
        case (.get, 0):
            return try listRuns(request, token: token, now: now)
        case (.get, 1) where path[0] == "reports":
            return try listReports(request, token: token, now: now)
        case (.get, 1) where path[0] != "configurations":
            let run = try readableRun(path[0], token: token)
            return SimulatorReply.json(
                200, .object([("transformation", runJSON(run, origin: request.origin, now: now))]))
        case (.delete, 1) where path[0] != "configurations":
            return try cancelRun(path[0], request: request, token: token, now: now)
        default:
            throw noRoute(request)
        }
    }

    static func invalidBody(_ detail: SimulatorReply.Detail) -> HTTPResponse {
        SimulatorReply.error(422, code: "InvalidRequestBody", message: "Given data is invalid.", details: [detail])
    }

    static let missingBody = SimulatorReply.error(
        422, code: "MissingRequestBody", message: "Request body was not provided.")

    static let iModelNotFound = SimulatorReply.error(
        404, code: "IModelNotFound", message: "Requested IModel is not available.")

    mutating func createConfiguration(
        _ type: String, request: SimulatorRequest, token: TokenRecord, now: Date
    ) throws -> HTTPResponse {
        var allowed: Set<String> = [
            "transformName", "sourceProjectId", "sourceIModelId", "targetProjectId", "targetIModelId", "comment",
        ]
        if type != "MergeIModel" && type != "PopulateFederationGuids" { allowed.insert("transformParameters") }
        let body = try RequestBody(request, allowed: allowed, missing: Self.missingBody, reject: Self.invalidBody)
        let transformName = try body.string("transformName", required: true)!
        let sourceProjectId = try body.string("sourceProjectId", required: true)!
        let sourceIModelId = try body.string("sourceIModelId", required: true)!
        let targetProjectId = try body.string("targetProjectId", required: true)!
        let targetIModelId = try body.string("targetIModelId", required: true)!
        guard let comment = try body.string("comment") else { throw body.missingProperty("comment") }
        var fedGuids: [String]?
        let parameters = try checkParameters(of: type, in: body)
        if type == "ImportIModel", let parameters = body.members["transformParameters"] {
            guard let object = parameters.objectValue else {
                throw body.invalidValue("transformParameters", "The value must be an object.")
            }
            if let unknown = object.keys.sorted().first(where: { $0 != "fedGuidsOfRepositoriesToExport" }) {
                throw Rejection(
                    Self.invalidBody(
                        .init(
                            code: "InvalidRequestBody", message: "Property '\(unknown)' is not allowed.",
                            target: "transformParameters.\(unknown)")))
            }
            if let list = object["fedGuidsOfRepositoriesToExport"] {
                guard case .array(let items) = list, items.allSatisfy({ $0.stringValue != nil }) else {
                    throw body.invalidValue(
                        "transformParameters.fedGuidsOfRepositoriesToExport", "The value must be an array of strings.")
                }
                guard items.count <= 1 else {
                    throw body.invalidValue(
                        "transformParameters.fedGuidsOfRepositoriesToExport",
                        "The value may hold at most one federation GUID.")
                }
                fedGuids = items.compactMap(\.stringValue)
            }
        }
        if type == "PopulateFederationGuids" && (sourceIModelId != targetIModelId || sourceProjectId != targetProjectId)
        {
            throw body.invalidValue(
                "targetIModelId", "The value must equal sourceIModelId for PopulateFederationGuids.")
        }
        if type != "PopulateFederationGuids" && sourceIModelId == targetIModelId {
            throw body.invalidValue(
                "targetIModelId", "The value must be another iModel than sourceIModelId for \(type).")
        }
        for (projectId, iModelId) in [(sourceProjectId, sourceIModelId), (targetProjectId, targetIModelId)] {
            guard let record = iModels[iModelId], record.iTwinId == projectId else {
                throw Rejection(Self.iModelNotFound)
            }
        }
        try require(.read, in: sourceProjectId, token: token)
        try require(.write, in: targetProjectId, token: token)
        let record = ConfigurationRecord(
            id: ids.guid(), transformType: type, transformName: transformName, comment: comment,
            sourceProjectId: sourceProjectId, sourceIModelId: sourceIModelId, targetProjectId: targetProjectId,
            targetIModelId: targetIModelId, fedGuids: fedGuids, parameters: parameters, createdAt: now)
        configurations[record.id] = record
        configurationOrder.append(record.id)
        return SimulatorReply.json(201, .object([("configuration", configurationJSON(record, origin: request.origin))]))
    }

    func existingConfiguration(_ id: String) throws -> ConfigurationRecord {
        guard let record = configurations[id] else {
            throw Rejection(
                SimulatorReply.error(
                    404, code: "ConfigurationNotFound", message: "Requested Configuration is not available."))
        }
        return record
    }

    func readableConfiguration(_ id: String, token: TokenRecord) throws -> ConfigurationRecord {
        let record = try existingConfiguration(id)
        try require(.read, in: record.sourceProjectId, token: token)
        try require(.read, in: record.targetProjectId, token: token)
        return record
    }

    func listConfigurations(_ request: SimulatorRequest, token: TokenRecord) throws -> HTTPResponse {
        guard let projectId = request.query["projectId"], !projectId.isEmpty else {
            throw Rejection(
                SimulatorReply.error(
                    422, code: "MissingRequiredParameter", message: "Parameter 'projectId' is required.",
                    target: "projectId"))
        }
        try require(.read, in: projectId, token: token)
        let full = request.prefersRepresentation
        let items = configurationOrder.compactMap { configurations[$0] }
            .filter { $0.targetProjectId == projectId || $0.sourceProjectId == projectId }
            .map { record -> WireJSON in
                full
                    ? configurationJSON(record, origin: request.origin)
                    : .object([("id", .string(record.id)), ("transformName", .string(record.transformName))])
            }
        return try page(
            items, key: "configurations", request: request, path: "/transformations/configurations",
            invalid: Self.invalidBody)
    }

}
