import Foundation

/// The real clock: `Date()` and `Task.sleep`.
public struct SystemClock: ITwinClock {
    /// Creates the clock.
    public init() {}

    /// The current wall time.
    public var now: Date { Date() }

    /// Sleeps with `Task.sleep`; throws `CancellationError` when cancelled.
    public func sleep(for duration: Duration) async throws {
        guard duration > .zero else {
            try Task.checkCancellation()
            return
        }
        try await Task.sleep(for: duration)
    }
}
