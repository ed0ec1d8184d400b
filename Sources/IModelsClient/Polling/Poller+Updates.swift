import Foundation

extension Poller {
    /// The update sequence of a resource: ``watch(operation:resourceId:timeout:pollImmediately:fetch:describe:update:onUpdate:evaluate:)`` with an immediate first poll, yielding each change and finishing after the last update
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
