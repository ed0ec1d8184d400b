import Foundation

/// The time source of the SDK: wall time for deadlines and HTTP-date `Retry-After`, and sleeping for retries,
/// polling and rate limits.
///
/// ``SystemClock`` is the default. `VirtualClock` (module `IModelsTesting`) runs the same code in virtual time.
public protocol ITwinClock: Sendable {
    /// The current wall time.
    var now: Date { get }
    /// Suspends for the duration; throws `CancellationError` when the calling task is cancelled.
    func sleep(for duration: Duration) async throws
}

extension ITwinClock {
    /// Sleeps until the date (at once when it has passed).
    func sleep(until date: Date) async throws {
        let seconds = date.timeIntervalSince(now)
        if seconds > 0 { try await sleep(for: .seconds(seconds)) }
    }
}
