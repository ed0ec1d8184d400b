/// A step of a workflow on ``ITwinClient``, reported to its optional progress callback.
public enum WorkflowEvent: Sendable {
    /// A transformation configuration was created.
    case configurationCreated(TransformationConfiguration)
    /// A run started.
    case runStarted(Transformation)
    /// A run's status or progress changed.
    case runUpdated(Transformation)
    /// An iModel's creation was accepted (the fork of ``ITwinClient/forkAndWait(_:into:name:description:upTo:preserveHistory:containersEnabled:populatingFederationGuids:timeout:progress:)``).
    case creationAccepted(IModelCreation)
    /// The create operation of the accepted iModel changed state (reported as the wait polls; no extra requests).
    case creationUpdated(iModelId: String, CreateOperation)
    /// A fork failed because the main iModel lacks FederationGuids; the workflow populates them and forks again.
    case populatingFederationGuids(mainIModelId: String)
    /// The failed fork iModel was deleted before forking again.
    case deletedFailedFork(iModelId: String)
}
