import Foundation

extension ITwinClient {
    /// Imports an iModel into another: creates the ImportIModel configuration, runs it and waits until it finishes.
    ///
    /// Keep the returned run's configuration (``Transformation/configurationId``) to import again later with
    /// ``importIModel(reusing:timeout:progress:)``, which only processes the source's new changes.
    public func importIModel(
        _ request: ImportIModelConfigurationRequest,
        timeout: Duration = .seconds(3600),
        progress: (@Sendable (WorkflowEvent) -> Void)? = nil
    ) async throws -> Transformation {
        let configuration = try await transformations.createImportIModelConfiguration(request)
        progress?(.configurationCreated(configuration))
        return try await runAndWait(configuration.id, timeout: timeout, progress: progress)
    }

    /// Runs an existing configuration again and waits until it finishes (an incremental import or merge).
    public func importIModel(
        reusing configurationId: String,
        timeout: Duration = .seconds(3600),
        progress: (@Sendable (WorkflowEvent) -> Void)? = nil
    ) async throws -> Transformation {
        try await runAndWait(configurationId, timeout: timeout, progress: progress)
    }

    /// Forks an iModel and waits until the fork is complete.
    ///
    /// With `populatingFederationGuids`, a fork that ends in `mainIModelIsMissingFederationGuids` is recovered: the
    /// workflow runs PopulateFederationGuids on the main iModel and waits for it, deletes the failed fork iModel, and
    /// forks again. Without it, that state ends in ``ITwinClientError/creationFailed(iModelId:state:)``, and so does a
    /// second fork that still ends in it (recovery is tried once).
    /// The `timeout` applies to each wait (fork, population, second fork). `containersEnabled` is sent with each fork
    /// request (see ``IModelsAPI/fork(_:into:name:description:upTo:preserveHistory:containersEnabled:)``).
    public func forkAndWait(
        _ mainIModelId: String,
        into iTwinId: String,
        name: String? = nil,
        description: String? = nil,
        upTo point: ChangesetPoint = .latest,
        preserveHistory: Bool = false,
        containersEnabled: Int? = nil,
        populatingFederationGuids: Bool = false,
        timeout: Duration = .seconds(1800),
        progress: (@Sendable (WorkflowEvent) -> Void)? = nil
    ) async throws -> IModel {
        /// One fork and its wait; with `recovering`, the missing-FederationGuids state becomes the internal signal.
        func forkOnce(recovering: Bool) async throws -> IModel {
            let creation = try await iModels.fork(
                mainIModelId, into: iTwinId, name: name, description: description, upTo: point,
                preserveHistory: preserveHistory, containersEnabled: containersEnabled)
            progress?(.creationAccepted(creation))
            do {
                var onUpdate: (@Sendable (CreateOperation) -> Void)?
                if let progress {
                    onUpdate = { operation in progress(.creationUpdated(iModelId: creation.iModelId, operation)) }
                }
                return try await iModels.waitUntilCreated(
                    creation.iModelId, until: .completed, timeout: timeout, onUpdate: onUpdate)
            } catch ITwinClientError.creationFailed(let iModelId, let state)
                where state == .mainIModelIsMissingFederationGuids && recovering
            {
                throw MissingFederationGuids(failedForkId: iModelId)
            }
        }
        do {
            return try await forkOnce(recovering: populatingFederationGuids)
        } catch let missing as MissingFederationGuids {
            progress?(.populatingFederationGuids(mainIModelId: mainIModelId))
            let main = try await iModels.iModel(mainIModelId)
            guard let projectId = main.iTwinId else {
                throw ITwinClientError.decoding(
                    DecodingFailure(operation: "getIModel", status: 200, reason: "the main iModel has no iTwinId"))
            }
            let configuration = try await transformations.createPopulateFederationGuidsConfiguration(
                PopulateFederationGuidsConfigurationRequest(
                    transformName: "Populate FederationGuids of \(main.name)", projectId: projectId,
                    iModelId: mainIModelId, comment: "Populate missing FederationGuids before forking"))
            progress?(.configurationCreated(configuration))
            _ = try await runAndWait(configuration.id, timeout: timeout, progress: progress)
            try await iModels.deleteIModel(missing.failedForkId)
            progress?(.deletedFailedFork(iModelId: missing.failedForkId))
            // Recovery is tried once: a second fork that still misses FederationGuids is `creationFailed`.
            return try await forkOnce(recovering: false)
        }
    }

    /// Merges a fork back into its main iModel: creates a MergeIModel configuration (fork → main), runs it and waits
    /// until it finishes. Run the returned run's configuration again to merge later changes.
    public func merge(
        fork forkIModelId: String,
        into mainIModelId: String,
        comment: String = "Merge fork",
        timeout: Duration = .seconds(3600),
        progress: (@Sendable (WorkflowEvent) -> Void)? = nil
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
        progress?(.configurationCreated(configuration))
        return try await runAndWait(configuration.id, timeout: timeout, progress: progress)
    }

    private func runAndWait(
        _ configurationId: String, timeout: Duration, progress: (@Sendable (WorkflowEvent) -> Void)?
    ) async throws -> Transformation {
        let run = try await transformations.run(configurationId: configurationId)
        progress?(.runStarted(run))
        var onUpdate: (@Sendable (Transformation) -> Void)?
        if let progress {
            onUpdate = { run in progress(.runUpdated(run)) }
        }
        return try await transformations.waitUntilFinished(run.id, timeout: timeout, onUpdate: onUpdate)
    }
}

/// Internal signal: a fork failed for missing FederationGuids and recovery is on.
private struct MissingFederationGuids: Error {
    var failedForkId: String
}
