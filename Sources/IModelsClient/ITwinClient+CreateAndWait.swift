import Foundation

extension ITwinClient {
    /// Clones an iModel and waits until the clone reaches the milestone: ``IModelsAPI/clone(_:into:name:description:upTo:containersEnabled:)``
    /// then ``IModelsAPI/waitUntilCreated(_:until:timeout:onUpdate:)``, which say what each step does and throws.
    ///
    /// `onUpdate` gets ``WorkflowEvent/creationAccepted(_:)`` once the clone is accepted (its ``IModelCreation``
    /// names the new iModel: keep it to wait again after a timeout or a restart), then
    /// ``WorkflowEvent/creationUpdated(iModelId:_:)`` for each state change of the create operation.
    ///
    /// With `copyNamedVersions`, once the clone is complete the workflow recreates on it the source's named versions
    /// that fall within the copied changesets (``copyNamedVersions(from:to:)``) and reports what it did with
    /// ``WorkflowEvent/namedVersionsCopied(_:)``. The changesets are all there only when the create operation is
    /// `successful`, so the wait is then for ``CreationMilestone/completed`` whatever `milestone` says. An error while
    /// copying them is thrown after the clone is complete: the clone stays, and its id came with
    /// ``WorkflowEvent/creationAccepted(_:)``; run ``copyNamedVersions(from:to:)`` with it again to finish (a rerun
    /// skips what the first run made).
    public func cloneAndWait(
        _ sourceIModelId: String,
        into iTwinId: String,
        name: String? = nil,
        description: String? = nil,
        upTo point: ChangesetPoint = .latest,
        containersEnabled: Int? = nil,
        copyNamedVersions: Bool = false,
        until milestone: CreationMilestone = .completed,
        timeout: Duration = .seconds(1800),
        onUpdate: (@Sendable (WorkflowEvent) -> Void)? = nil
    ) async throws -> IModel {
        let creation = try await iModels.clone(
            sourceIModelId, into: iTwinId, name: name, description: description, upTo: point,
            containersEnabled: containersEnabled)
        let clone = try await waitUntilCreated(
            creation, until: copyNamedVersions ? .completed : milestone, timeout: timeout, onUpdate: onUpdate)
        if copyNamedVersions {
            onUpdate?(.namedVersionsCopied(try await self.copyNamedVersions(from: sourceIModelId, to: clone.id)))
        }
        return clone
    }

    /// Forks an iModel and waits until the fork reaches the milestone: ``IModelsAPI/fork(_:into:name:description:upTo:preserveHistory:containersEnabled:)``
    /// then ``IModelsAPI/waitUntilCreated(_:until:timeout:onUpdate:)``.
    ///
    /// With `populatingFederationGuids`, a fork that ends in `mainIModelIsMissingFederationGuids` is recovered: the
    /// workflow runs PopulateFederationGuids on the main iModel and waits for it, deletes the failed fork iModel, and
    /// forks again. Without it, that state ends in ``ITwinClientError/creationFailed(iModelId:state:)``, and so does a
    /// second fork that still ends in it (recovery is tried once).
    /// The `timeout` applies to each wait (fork, population, second fork). `containersEnabled` is sent with each fork
    /// request.
    ///
    /// `onUpdate` gets ``WorkflowEvent/creationAccepted(_:)`` and ``WorkflowEvent/creationUpdated(iModelId:_:)`` for
    /// each fork, and the recovery's steps in between (``WorkflowEvent/populatingFederationGuids(mainIModelId:)``,
    /// the configuration and run events, ``WorkflowEvent/deletedFailedFork(iModelId:)``).
    ///
    /// `copyNamedVersions` works as for ``cloneAndWait(_:into:name:description:upTo:containersEnabled:copyNamedVersions:until:timeout:onUpdate:)``;
    /// a fork without `preserveHistory` has only a baseline, so at most one version maps onto it (see
    /// ``copyNamedVersions(from:to:)``).
    public func forkAndWait(
        _ mainIModelId: String,
        into iTwinId: String,
        name: String? = nil,
        description: String? = nil,
        upTo point: ChangesetPoint = .latest,
        preserveHistory: Bool = false,
        containersEnabled: Int? = nil,
        populatingFederationGuids: Bool = false,
        copyNamedVersions: Bool = false,
        until milestone: CreationMilestone = .completed,
        timeout: Duration = .seconds(1800),
        onUpdate: (@Sendable (WorkflowEvent) -> Void)? = nil
    ) async throws -> IModel {
        let milestone = copyNamedVersions ? .completed : milestone
        let fork = try await forkAndWaitOnce(
            mainIModelId, into: iTwinId, name: name, description: description, upTo: point,
            preserveHistory: preserveHistory, containersEnabled: containersEnabled,
            populatingFederationGuids: populatingFederationGuids, until: milestone, timeout: timeout,
            onUpdate: onUpdate)
        if copyNamedVersions {
            onUpdate?(.namedVersionsCopied(try await self.copyNamedVersions(from: mainIModelId, to: fork.id)))
        }
        return fork
    }

    /// The fork and its wait, with the FederationGuids recovery.
    private func forkAndWaitOnce(
        _ mainIModelId: String, into iTwinId: String, name: String?, description: String?, upTo point: ChangesetPoint,
        preserveHistory: Bool, containersEnabled: Int?, populatingFederationGuids: Bool,
        until milestone: CreationMilestone, timeout: Duration, onUpdate: (@Sendable (WorkflowEvent) -> Void)?
    ) async throws -> IModel {
        /// One fork and its wait; with `recovering`, the missing-FederationGuids state becomes the internal signal.
        func forkOnce(recovering: Bool) async throws -> IModel {
            let creation = try await iModels.fork(
                mainIModelId, into: iTwinId, name: name, description: description, upTo: point,
                preserveHistory: preserveHistory, containersEnabled: containersEnabled)
            do {
                return try await waitUntilCreated(creation, until: milestone, timeout: timeout, onUpdate: onUpdate)
            } catch ITwinClientError.creationFailed(let iModelId, let state)
                where state == .mainIModelIsMissingFederationGuids && recovering
            {
                throw MissingFederationGuids(failedForkId: iModelId)
            }
        }
        do {
            return try await forkOnce(recovering: populatingFederationGuids)
        } catch let missing as MissingFederationGuids {
            onUpdate?(.populatingFederationGuids(mainIModelId: mainIModelId))
            try await populateFederationGuids(of: mainIModelId, timeout: timeout, onUpdate: onUpdate)
            try await iModels.deleteIModel(missing.failedForkId)
            onUpdate?(.deletedFailedFork(iModelId: missing.failedForkId))
            // Recovery is tried once: a second fork that still misses FederationGuids is `creationFailed`.
            return try await forkOnce(recovering: false)
        }
    }

    /// Reports the accepted creation, then waits for it, reporting each state change of its create operation.
    private func waitUntilCreated(
        _ creation: IModelCreation, until milestone: CreationMilestone, timeout: Duration,
        onUpdate: (@Sendable (WorkflowEvent) -> Void)?
    ) async throws -> IModel {
        onUpdate?(.creationAccepted(creation))
        let iModelId = creation.iModelId
        var reportOperation: (@Sendable (CreateOperation) -> Void)?
        if let onUpdate { reportOperation = { onUpdate(.creationUpdated(iModelId: iModelId, $0)) } }
        return try await iModels.waitUntilCreated(
            iModelId, until: milestone, timeout: timeout, onUpdate: reportOperation)
    }

    /// Runs PopulateFederationGuids on the main iModel and waits until it finishes.
    private func populateFederationGuids(
        of mainIModelId: String, timeout: Duration, onUpdate: (@Sendable (WorkflowEvent) -> Void)?
    ) async throws {
        let main = try await iModels.iModel(mainIModelId)
        guard let projectId = main.iTwinId else {
            throw ITwinClientError.decoding(
                DecodingFailure(operation: "getIModel", status: 200, reason: "the main iModel has no iTwinId"))
        }
        let configuration = try await transformations.createPopulateFederationGuidsConfiguration(
            PopulateFederationGuidsConfigurationRequest(
                transformName: "Populate FederationGuids of \(main.name)", projectId: projectId,
                iModelId: mainIModelId, comment: "Populate missing FederationGuids before forking"))
        onUpdate?(.configurationCreated(configuration))
        _ = try await runAndWait(configuration.id, timeout: timeout, onUpdate: onUpdate)
    }
}

/// Internal signal: a fork failed for missing FederationGuids and recovery is on.
private struct MissingFederationGuids: Error {
    var failedForkId: String
}
