import Foundation
import IModelsClient

/// The Transformations API v1 routes: configurations (ImportIModel, MergeIModel, PopulateFederationGuids) and runs.
extension SimulatorState {
    static let configurationPaths = [
        "importimodel": "ImportIModel", "mergeimodel": "MergeIModel",
        "populatefederationguids": "PopulateFederationGuids",
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

    private static func invalidBody(_ detail: SimulatorReply.Detail) -> HTTPResponse {
        SimulatorReply.error(422, code: "InvalidRequestBody", message: "Given data is invalid.", details: [detail])
    }

    private static let missingBody = SimulatorReply.error(
        422, code: "MissingRequestBody", message: "Request body was not provided.")

    private static let iModelNotFound = SimulatorReply.error(
        404, code: "IModelNotFound", message: "Requested IModel is not available.")

    private mutating func createConfiguration(
        _ type: String, request: SimulatorRequest, token: TokenRecord, now: Date
    ) throws -> HTTPResponse {
        var allowed: Set<String> = [
            "transformName", "sourceProjectId", "sourceIModelId", "targetProjectId", "targetIModelId", "comment",
        ]
        if type == "ImportIModel" { allowed.insert("transformParameters") }
        let body = try RequestBody(request, allowed: allowed, missing: Self.missingBody, reject: Self.invalidBody)
        let transformName = try body.string("transformName", required: true)!
        let sourceProjectId = try body.string("sourceProjectId", required: true)!
        let sourceIModelId = try body.string("sourceIModelId", required: true)!
        let targetProjectId = try body.string("targetProjectId", required: true)!
        let targetIModelId = try body.string("targetIModelId", required: true)!
        guard let comment = try body.string("comment") else { throw body.missingProperty("comment") }
        var fedGuids: [String]?
        if let parameters = body.members["transformParameters"] {
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
            targetIModelId: targetIModelId, fedGuids: fedGuids, createdAt: now)
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

    private func readableConfiguration(_ id: String, token: TokenRecord) throws -> ConfigurationRecord {
        let record = try existingConfiguration(id)
        try require(.read, in: record.sourceProjectId, token: token)
        try require(.read, in: record.targetProjectId, token: token)
        return record
    }

    private func listConfigurations(_ request: SimulatorRequest, token: TokenRecord) throws -> HTTPResponse {
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

    private mutating func startRun(_ request: SimulatorRequest, token: TokenRecord, now: Date) throws -> HTTPResponse {
        let body = try RequestBody(
            request, allowed: ["configurationId"], missing: Self.missingBody, reject: Self.invalidBody)
        let configuration = try existingConfiguration(try body.string("configurationId", required: true)!)
        guard let source = iModels[configuration.sourceIModelId], iModels[configuration.targetIModelId] != nil else {
            throw Rejection(Self.iModelNotFound)
        }
        try require(.read, in: configuration.sourceProjectId, token: token)
        try require(.write, in: configuration.targetProjectId, token: token)
        let queueing = request.headers["Enable-Transformation-Queueing"]?.lowercased() == "true"
        let busy = runOrder.compactMap { runs[$0] }.contains {
            $0.targetIModelId == configuration.targetIModelId && timeline(of: $0).finishedAt > now
        }
        if busy && !queueing {
            throw Rejection(
                SimulatorReply.error(
                    409, code: "TransformationInProgress",
                    message:
                        "Another transformation is running on the target iModel. Send 'Enable-Transformation-Queueing: true' to queue this one."
                ))
        }
        let sourceIndex = source.changesets.last?.index ?? 0
        var total = source.elementCount
        if configuration.transformType == "ImportIModel" {
            // A run queued behind another of this configuration starts from where that one will leave off.
            let pending = runOrder.compactMap { runs[$0] }
                .filter {
                    $0.configurationId == configuration.id && !$0.effectsApplied && $0.failureMessage == nil
                        && $0.abortedAt == nil
                }
                .map(\.sourceChangesetIndex).max()
            if let synced = [configuration.syncedSourceIndex, pending].compactMap({ $0 }).max() {
                total = max(0, sourceIndex - synced) * 50
            } else if configuration.fedGuids != nil {
                total = source.elementCount / 4
            }
        }
        let run = RunRecord(
            id: ids.guid(), configurationId: configuration.id, sourceProjectId: configuration.sourceProjectId,
            targetProjectId: configuration.targetProjectId, targetIModelId: configuration.targetIModelId,
            createdAt: now, phase: options.transformationPhaseTime.simulatorSeconds,
            elementsPerSecond: options.transformationElementsPerSecond, totalElementCount: total,
            sourceChangesetIndex: sourceIndex,
            sourceChangesetId: source.changesets.last?.id ?? "",
            failureMessage: failingTransformationTargets[configuration.targetIModelId]
                ?? notInitializedProblem(configuration, now: now) ?? mergeProblem(configuration))
        runs[run.id] = run
        runOrder.append(run.id)
        return SimulatorReply.json(201, .object([("transformation", runJSON(run, origin: request.origin, now: now))]))
    }

    /// Why a run fails at once: its source or target iModel is still being created (not `initialized`).
    private func notInitializedProblem(_ configuration: ConfigurationRecord, now: Date) -> String? {
        for (role, id) in [("source", configuration.sourceIModelId), ("target", configuration.targetIModelId)] {
            if let record = iModels[id], record.creation.iModelState(at: now) != "initialized" {
                return "The \(role) iModel \(id) is not initialized yet; wait until its creation has completed."
            }
        }
        return nil
    }

    /// Why a MergeIModel run fails: the two iModels must be a main iModel and its fork, with FederationGuids.
    private func mergeProblem(_ configuration: ConfigurationRecord) -> String? {
        guard configuration.transformType == "MergeIModel",
            let source = iModels[configuration.sourceIModelId], let target = iModels[configuration.targetIModelId]
        else { return nil }
        func isFork(_ fork: IModelRecord, of main: IModelRecord) -> Bool {
            if case .fork(let mainId, _, _) = fork.creation.origin { return mainId == main.id }
            return false
        }
        guard isFork(source, of: target) || isFork(target, of: source) else {
            return "MergeIModel needs an iModel fork and its main iModel; these iModels are not related by Fork iModel."
        }
        if source.isMissingFederationGuids || target.isMissingFederationGuids {
            return
                "MergeIModel needs FederationGuids on all elements of both iModels; run PopulateFederationGuids first."
        }
        return nil
    }

    private func readableRun(_ id: String, token: TokenRecord) throws -> RunRecord {
        guard let run = runs[id] else {
            throw Rejection(
                SimulatorReply.error(
                    404, code: "TransformationNotFound", message: "Requested Transformation is not available."))
        }
        try require(.read, in: run.targetProjectId, token: token)
        return run
    }

    private func listRuns(_ request: SimulatorRequest, token: TokenRecord, now: Date) throws -> HTTPResponse {
        guard let configurationId = request.query["configurationId"], !configurationId.isEmpty else {
            throw Rejection(
                SimulatorReply.error(
                    422, code: "MissingRequiredParameter", message: "Parameter 'configurationId' is required.",
                    target: "configurationId"))
        }
        let configuration = try readableConfiguration(configurationId, token: token)
        // Minimal by default, full runs with `Prefer: return=representation` (the Get All Transformations page,
        // https://developer.bentley.com/apis/transformations/operations/get-all-transformations/). The page does not
        // show the minimal run: the simulator answers only its `id`, the least a client can count on.
        let full = request.prefersRepresentation
        let items = runOrder.compactMap { runs[$0] }.filter { $0.configurationId == configuration.id }
            .map { full ? runJSON($0, origin: request.origin, now: now) : .object([("id", .string($0.id))]) }
        return try page(
            items, key: "transformations", request: request, path: "/transformations/", invalid: Self.invalidBody)
    }

    private mutating func cancelRun(_ id: String, request: SimulatorRequest, token: TokenRecord, now: Date) throws
        -> HTTPResponse
    {
        var run = try readableRun(id, token: token)
        try require(.write, in: run.targetProjectId, token: token)
        let status = self.status(of: run, now: now)
        if status == "Succeeded" || status == "Failed" {
            throw Rejection(
                SimulatorReply.error(
                    409, code: "TransformationNotCancellable", message: "A finished transformation cannot be cancelled."
                ))
        }
        if status != "Aborted" { run.abortedAt = now }
        runs[id] = run
        return SimulatorReply.json(200, .object([("transformation", runJSON(run, origin: request.origin, now: now))]))
    }
}
