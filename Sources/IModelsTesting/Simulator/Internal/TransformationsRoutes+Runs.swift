import Foundation
import IModelsClient

/// The Transformations API v1 run routes: start, read, list and cancel runs.
extension SimulatorState {
    mutating func startRun(_ request: SimulatorRequest, token: TokenRecord, now: Date) throws -> HTTPResponse {
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
    func notInitializedProblem(_ configuration: ConfigurationRecord, now: Date) -> String? {
        for (role, id) in [("source", configuration.sourceIModelId), ("target", configuration.targetIModelId)] {
            if let record = iModels[id], record.creation.iModelState(at: now) != "initialized" {
                return "The \(role) iModel \(id) is not initialized yet; wait until its creation has completed."
            }
        }
        return nil
    }

    /// Why a MergeIModel run fails: the two iModels must be a main iModel and its fork, with FederationGuids.
    func mergeProblem(_ configuration: ConfigurationRecord) -> String? {
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

    func readableRun(_ id: String, token: TokenRecord) throws -> RunRecord {
        guard let run = runs[id] else {
            throw Rejection(
                SimulatorReply.error(
                    404, code: "TransformationNotFound", message: "Requested Transformation is not available."))
        }
        try require(.read, in: run.targetProjectId, token: token)
        return run
    }

    func listRuns(_ request: SimulatorRequest, token: TokenRecord, now: Date) throws -> HTTPResponse {
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
        var listed = runOrder.compactMap { runs[$0] }.filter { $0.configurationId == configuration.id }
        if let wanted = request.query["Status"] {
            let known = ["Created", "Initializing", "Started", "Succeeded", "Failed", "Aborted"]
            guard let status = known.first(where: { $0.lowercased() == wanted.lowercased() }) else {
                throw Rejection(Self.invalidQuery("Status", wanted))
            }
            listed = listed.filter { self.status(of: $0, now: now) == status }
        }
        if let order = request.query["OrderBy"] {
            switch order.lowercased() {
            case "createddatetime asc", "createddatetime": break
            case "createddatetime desc": listed.reverse()
            default: throw Rejection(Self.invalidQuery("OrderBy", order))
            }
        }
        let items =
            listed
            .map { full ? runJSON($0, origin: request.origin, now: now) : .object([("id", .string($0.id))]) }
        return try page(
            items, key: "transformations", request: request, path: "/transformations/", invalid: Self.invalidBody)
    }

    /// `400 InvalidTransformationsRequest` with an `InvalidValue` detail, the shape of the Get report page's `400`
    /// example ("'{passedValue}' is not a valid {queryParam}.").
    static func invalidQuery(_ name: String, _ value: String) -> HTTPResponse {
        SimulatorReply.error(
            400, code: "InvalidTransformationsRequest", message: "Cannot get Transformations.",
            details: [.init(code: "InvalidValue", message: "'\(value)' is not a valid \(name).", target: name)])
    }

    mutating func cancelRun(_ id: String, request: SimulatorRequest, token: TokenRecord, now: Date) throws
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
