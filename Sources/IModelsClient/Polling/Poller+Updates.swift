import Foundation

extension Poller {
    /// Polls like ``poll(operation:resourceId:timeout:pollImmediately:fetch:describe:evaluate:)`` and, before
    /// evaluating each observation, reports its update (`update(observation)`) to `onUpdate` when it changed: the one
    /// implementation of "poll and report changes" behind every update sequence and every `onUpdate:` callback.
    func watch<Observation, Update: PolledUpdate, Result>(
        operation: String,
        resourceId: String,
        timeout: Duration?,
        pollImmediately: Bool = false,
        fetch: (_ deadline: Date?) async throws -> Observation,
        describe: (Observation) -> String,
        update: (Observation) -> Update,
        onUpdate: ((Update) -> Void)?,
        evaluate: (Observation) async throws -> Verdict<Result>
    ) async throws -> Result {
        var reporter = UpdateReporter(onUpdate)
        return try await poll(
            operation: operation, resourceId: resourceId, timeout: timeout, pollImmediately: pollImmediately,
            fetch: fetch, describe: describe
        ) { observation in
            reporter.take(update(observation))
            return try await evaluate(observation)
        }
    }

    /// The update sequence of a resource: ``watch(operation:resourceId:timeout:pollImmediately:fetch:describe:update:onUpdate:evaluate:)``
    /// with an immediate first poll, yielding each change and finishing after the last update
    /// (``PolledUpdate/isLastUpdate``), which it yields first. Ending the consumer's iteration (a `break`, or
    /// cancelling its task) cancels polling.
    func updates<Update: PolledUpdate>(
        operation: String,
        resourceId: String,
        timeout: Duration?,
        fetch: @escaping @Sendable (_ deadline: Date?) async throws -> Update
    ) -> AsyncThrowingStream<Update, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await watch(
                        operation: operation, resourceId: resourceId, timeout: timeout, pollImmediately: true,
                        fetch: fetch, describe: \.stateName, update: { $0 }, onUpdate: { continuation.yield($0) }
                    ) { update -> Verdict<Void> in
                        update.isLastUpdate ? .done(()) : .keepPolling
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
