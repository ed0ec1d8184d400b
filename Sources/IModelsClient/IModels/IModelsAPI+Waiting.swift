import Foundation

extension IModelsAPI {
    /// Waits until the iModel reaches the milestone and returns it.
    ///
    /// - ``CreationMilestone/initialized`` returns as soon as the iModel's `state` is `initialized` (usable), which
    ///   may be before the create operation is `successful`; it never returns an iModel in another state (after
    ///   `successful` it keeps polling the iModel until it says `initialized`).
    /// - ``CreationMilestone/completed`` waits for the create operation's `successful`, then reads the iModel once.
    ///
    /// Every request of the wait, the final read included, keeps the wait's deadline: a `Retry-After` that reaches
    /// past it is not waited out. A timeout of zero or less polls once.
    ///
    /// Polling follows the client's ``PollingPolicy``. The wait ends early with
    /// ``ITwinClientError/creationFailed(iModelId:state:)`` on `failed` or `mainIModelIsMissingFederationGuids`, and
    /// with ``ITwinClientError/timedOut(operation:resourceId:lastState:)`` at the deadline (or with the
    /// ``ITwinClientError/transport(_:)`` failure when no poll ever reached the server). An unknown state counts as
    /// "not finished". A `404` before the iModel was first seen is taken for a clone the service does not show yet
    /// (eventual consistency) and polled through for up to a minute from the start of the wait; after that, or once
    /// the iModel was seen, it ends the wait. Cancelling the task stops polling; it does not stop the server's work.
    ///
    /// - Parameters:
    ///   - iModelId: the new iModel (``IModelCreation/iModelId``).
    ///   - milestone: how far creation must have got.
    ///   - timeout: how long to wait at most.
    ///   - onUpdate: called with the create operation whenever its state changes (the first poll included), by the
    ///     rule ``createOperationUpdates(of:timeout:)`` yields by, from the polls the wait makes anyway (it adds no
    ///     requests). Called on the waiting task, in order, before the wait returns or throws.
    public func waitUntilCreated(
        _ iModelId: String,
        until milestone: CreationMilestone = .completed,
        timeout: Duration = .seconds(1800),
        onUpdate: (@Sendable (CreateOperation) -> Void)? = nil
    ) async throws -> IModel {
        try InputValidation.id(iModelId, named: "iModelId")
        return try await poller.watch(
            operation: "waitUntilCreated", resourceId: iModelId, timeout: timeout,
            // Every request of the wait is made here, with the wait's deadline: the create operation, then the
            // iModel when `.initialized` polls it or once `.completed` has seen `successful`.
            fetch: { deadline -> (CreateOperation, IModel?) in
                let operation = try await createOperation(of: iModelId, deadline: deadline)
                let readsIModel =
                    milestone == .initialized ? !operation.state.isFailure : operation.state == .successful
                guard readsIModel else { return (operation, nil) }
                return (operation, try await iModel(iModelId, deadline: deadline))
            },
            describe: { observation in
                observation.1?.state == .initialized ? "initialized" : observation.0.state.rawValue
            },
            update: \.0,
            onUpdate: onUpdate,
            evaluate: { observation -> Poller.Verdict<IModel> in
                let (operation, model) = observation
                if operation.state.isFailure {
                    throw ITwinClientError.creationFailed(iModelId: iModelId, state: operation.state)
                }
                guard let model else { return .keepPolling }
                switch milestone {
                case .initialized: return model.state == .initialized ? .done(model) : .keepPolling
                case .completed: return .done(model)
                }
            })
    }

    /// The iModel's create operation, one element per state change, polled with the client's ``PollingPolicy``
    /// (the first poll is immediate).
    ///
    /// This sequence is the SDK's shape for progress (see <doc:LongRunningOperations>): an element is yielded only
    /// when the state differs from the one before, in the order the polls saw them. The stream finishes after a
    /// terminal state (`successful`, `failed`, `mainIModelIsMissingFederationGuids`), which it yields first, and
    /// throws ``ITwinClientError/timedOut(operation:resourceId:lastState:)`` at the deadline, if one is given. Ending
    /// the iteration (a `break`, or cancelling the consuming task) stops polling; the server's work goes on.
    /// ``waitUntilCreated(_:until:timeout:onUpdate:)`` reports the same values to its `onUpdate:`.
    public func createOperationUpdates(
        of iModelId: String,
        timeout: Duration? = nil
    ) -> AsyncThrowingStream<CreateOperation, any Error> {
        let api = self
        return poller.updates(operation: "createOperationUpdates", resourceId: iModelId, timeout: timeout) { deadline in
            try InputValidation.id(iModelId, named: "iModelId")
            return try await api.createOperation(of: iModelId, deadline: deadline)
        }
    }
}
