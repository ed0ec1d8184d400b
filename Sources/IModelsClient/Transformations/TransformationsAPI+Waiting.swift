import Foundation

extension TransformationsAPI {
    /// The run, one element per status or progress change (the first poll is immediate). The stream finishes after
    /// `Succeeded`, `Failed` or `Aborted`, which it yields first. Ending the iteration stops polling.
    public func transformationUpdates(
        of transformationId: String,
        timeout: Duration? = nil
    ) -> AsyncThrowingStream<Transformation, any Error> {
        let api = self
        return poller.updates(
            operation: "transformationUpdates", resourceId: transformationId, timeout: timeout,
            fetch: { deadline in
                try InputValidation.id(transformationId, named: "transformationId")
                return try await api.transformation(transformationId, deadline: deadline)
            },
            describe: { $0.status.rawValue },
            changeKey: ProgressKey.init,
            isTerminal: { $0.status.isTerminal })
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
    ///     the finished run), for progress displays; it adds no requests.
    public func waitUntilFinished(
        _ transformationId: String,
        timeout: Duration = .seconds(3600),
        onUpdate: (@Sendable (Transformation) -> Void)? = nil
    ) async throws -> Transformation {
        try InputValidation.id(transformationId, named: "transformationId")
        var previous: ProgressKey?
        return try await poller.poll(
            operation: "waitUntilFinished", resourceId: transformationId, timeout: timeout,
            fetch: { deadline in try await transformation(transformationId, deadline: deadline) },
            describe: { $0.status.rawValue },
            evaluate: { run -> Poller.Verdict<Transformation> in
                if let onUpdate, previous != ProgressKey(run) {
                    previous = ProgressKey(run)
                    onUpdate(run)
                }
                if run.status == .succeeded { return .done(run) }
                if run.status.isTerminal { throw ITwinClientError.transformationFailed(run) }
                return .keepPolling
            })
    }
}

/// What counts as a change of a run: its status or its processed-element count.
private struct ProgressKey: Equatable, Sendable {
    var status: TransformationStatus
    var processed: Int?

    init(_ run: Transformation) {
        status = run.status
        processed = run.processedElementCount
    }
}
