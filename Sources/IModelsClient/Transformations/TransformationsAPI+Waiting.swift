import Foundation

extension TransformationsAPI {
    /// The run, one element per status or progress change (the first poll is immediate).
    ///
    /// Like ``IModelsAPI/createOperationUpdates(of:timeout:)``, the SDK's shape for progress: an element is yielded
    /// only when the status or the processed-element count differs from the one before, in order. The stream finishes
    /// after `Succeeded`, `Failed` or `Aborted`, which it yields first, and throws
    /// ``ITwinClientError/timedOut(operation:resourceId:lastState:)`` at the deadline, if one is given. Ending the
    /// iteration stops polling; the run goes on. ``waitUntilFinished(_:timeout:onUpdate:)`` reports the same values to
    /// its `onUpdate:`.
    public func transformationUpdates(
        of transformationId: String,
        timeout: Duration? = nil
    ) -> AsyncThrowingStream<Transformation, any Error> {
        let api = self
        return poller.updates(operation: "transformationUpdates", resourceId: transformationId, timeout: timeout) {
            deadline in
            try InputValidation.id(transformationId, named: "transformationId")
            return try await api.transformation(transformationId, deadline: deadline)
        }
    }

    /// Waits until the run finishes and returns it `Succeeded`.
    ///
    /// `Failed` and `Aborted` end the wait with ``ITwinClientError/transformationFailed(_:)`` carrying the run (its
    /// `errorMessage`); a failed run may leave the target iModel unusable. The deadline gives
    /// ``ITwinClientError/timedOut(operation:resourceId:lastState:)`` (or the ``ITwinClientError/transport(_:)``
    /// failure when no poll ever reached the server). Cancelling the task stops polling; it does
    /// not stop the run (use ``cancel(_:)`` for that).
    ///
    /// - Parameters:
    ///   - transformationId: the run.
    ///   - timeout: how long to wait at most.
    ///   - onUpdate: called with the run whenever its status or processed-element count changes (the last call is
    ///     the finished run), by the rule ``transformationUpdates(of:timeout:)`` yields by, from the polls the wait
    ///     makes anyway (it adds no requests). Called on the waiting task, in order, before the wait returns or throws.
    public func waitUntilFinished(
        _ transformationId: String,
        timeout: Duration = .seconds(3600),
        onUpdate: (@Sendable (Transformation) -> Void)? = nil
    ) async throws -> Transformation {
        try InputValidation.id(transformationId, named: "transformationId")
        return try await poller.watch(
            operation: "waitUntilFinished", resourceId: transformationId, timeout: timeout,
            fetch: { deadline in try await transformation(transformationId, deadline: deadline) },
            describe: \.stateName, update: { $0 }, onUpdate: onUpdate,
            evaluate: { run -> Poller.Verdict<Transformation> in
                if run.status == .succeeded { return .done(run) }
                if run.status.isTerminal { throw ITwinClientError.transformationFailed(run) }
                return .keepPolling
            })
    }
}
