/// A step of a workflow on ``ITwinClient`` (``ITwinClient/cloneAndWait(_:into:name:description:upTo:containersEnabled:copyNamedVersions:until:timeout:onUpdate:)``,
/// ``ITwinClient/forkAndWait(_:into:name:description:upTo:preserveHistory:containersEnabled:populatingFederationGuids:copyNamedVersions:until:timeout:onUpdate:)``,
/// ``ITwinClient/importIModel(_:timeout:onUpdate:)``, ``ITwinClient/merge(fork:into:comment:timeout:onUpdate:)``),
/// reported to its `onUpdate:` callback in the order the steps happen.
///
/// The workflow's own steps (a configuration created, a run started, the FederationGuids recovery) are reported once
/// each; the progress of a creation or a run is reported as the wait polls, with the values that
/// ``IModelsAPI/createOperationUpdates(of:timeout:)`` and ``TransformationsAPI/transformationUpdates(of:timeout:)``
/// yield (one per change, no extra requests).
public enum WorkflowEvent: Sendable, Hashable {
    /// A transformation configuration was created.
    case configurationCreated(TransformationConfiguration)
    /// A run started.
    case runStarted(Transformation)
    /// A run's status or processed-element count changed (the last one is the finished run).
    case runUpdated(Transformation)
    /// An iModel's creation was accepted: the clone, or each fork (a recovered fork is accepted twice).
    case creationAccepted(IModelCreation)
    /// The create operation of the accepted iModel changed state.
    case creationUpdated(iModelId: String, CreateOperation)
    /// A fork failed because the main iModel lacks FederationGuids; the workflow populates them and forks again.
    case populatingFederationGuids(mainIModelId: String)
    /// The failed fork iModel was deleted before forking again.
    case deletedFailedFork(iModelId: String)
    /// The source's named versions were recreated on the complete copy (`copyNamedVersions: true`).
    case namedVersionsCopied(NamedVersionsCopy)
}
