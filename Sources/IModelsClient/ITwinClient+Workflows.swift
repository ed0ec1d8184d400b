import Foundation

extension ITwinClient {
    /// Imports an iModel into another: creates the ImportIModel configuration, runs it and waits until it finishes.
    ///
    /// Keep the returned run's configuration (``Transformation/configurationId``) to import again later with
    /// ``importIModel(reusing:timeout:onUpdate:)``, which only processes the source's new changes.
    ///
    /// `onUpdate` gets ``WorkflowEvent/configurationCreated(_:)``, ``WorkflowEvent/runStarted(_:)``, then
    /// ``WorkflowEvent/runUpdated(_:)`` for each change of the run (the last one is the finished run).
    public func importIModel(
        _ request: ImportIModelConfigurationRequest,
        timeout: Duration = .seconds(3600),
        onUpdate: (@Sendable (WorkflowEvent) -> Void)? = nil
    ) async throws -> Transformation {
        let configuration = try await transformations.createImportIModelConfiguration(request)
        onUpdate?(.configurationCreated(configuration))
        return try await runAndWait(configuration.id, timeout: timeout, onUpdate: onUpdate)
    }

    /// Runs an existing configuration again and waits until it finishes (an incremental import or merge).
    ///
    /// `onUpdate` gets ``WorkflowEvent/runStarted(_:)``, then ``WorkflowEvent/runUpdated(_:)`` for each change.
    public func importIModel(
        reusing configurationId: String,
        timeout: Duration = .seconds(3600),
        onUpdate: (@Sendable (WorkflowEvent) -> Void)? = nil
    ) async throws -> Transformation {
        try await runAndWait(configurationId, timeout: timeout, onUpdate: onUpdate)
    }

    /// Merges a fork back into its main iModel: creates a MergeIModel configuration (fork → main), runs it and waits
    /// until it finishes. Run the returned run's configuration again to merge later changes.
    ///
    /// `onUpdate` gets the same events as ``importIModel(_:timeout:onUpdate:)``.
    public func merge(
        fork forkIModelId: String,
        into mainIModelId: String,
        comment: String = "Merge fork",
        timeout: Duration = .seconds(3600),
        onUpdate: (@Sendable (WorkflowEvent) -> Void)? = nil
    ) async throws -> Transformation {
        let fork = try await iModels.iModel(forkIModelId)
        let main = try await iModels.iModel(mainIModelId)
        guard let forkProject = fork.iTwinId, let mainProject = main.iTwinId else {
            throw ITwinClientError.decoding(
                DecodingFailure(operation: "getIModel", status: 200, reason: "an iModel has no iTwinId"))
        }
        let configuration = try await transformations.createMergeIModelConfiguration(
            MergeIModelConfigurationRequest(
                transformName: "Merge \(fork.name) into \(main.name)", sourceProjectId: forkProject,
                sourceIModelId: forkIModelId, targetProjectId: mainProject, targetIModelId: mainIModelId,
                comment: comment))
        onUpdate?(.configurationCreated(configuration))
        return try await runAndWait(configuration.id, timeout: timeout, onUpdate: onUpdate)
    }

    /// Runs a configuration and waits until the run finishes, reporting the run as it starts and as it changes.
    func runAndWait(
        _ configurationId: String, timeout: Duration, onUpdate: (@Sendable (WorkflowEvent) -> Void)?
    ) async throws -> Transformation {
        let run = try await transformations.run(configurationId: configurationId)
        onUpdate?(.runStarted(run))
        var reportRun: (@Sendable (Transformation) -> Void)?
        if let onUpdate { reportRun = { onUpdate(.runUpdated($0)) } }
        return try await transformations.waitUntilFinished(run.id, timeout: timeout, onUpdate: reportRun)
    }
}
