import Foundation
import IModelsClient

/// The simulator's clock: real time (or the clock it is given), shifted while the sample history is seeded.
///
/// The simulator computes every state from its clock, so seeding a run "two minutes ago" makes it finished by the
/// time the command starts: ``SimulatorWorld`` sets a negative offset, seeds, and sets the offset back to zero.
public final class SimulatorClock: ITwinClock {
    private let base: any ITwinClock
    private let offset = Protected<TimeInterval>(0)

    /// Creates the clock, at the time of `base` (real time by default; tests pass a virtual clock).
    public init(base: any ITwinClock = SystemClock()) { self.base = base }

    /// The base clock's time plus the offset.
    public var now: Date { base.now.addingTimeInterval(offset.withLock { $0 }) }

    /// Sleeps on the base clock.
    public func sleep(for duration: Duration) async throws {
        try await base.sleep(for: duration)
    }

    /// Moves the clock `seconds` from the base clock's time (negative: into the past).
    public func setOffset(_ seconds: TimeInterval) {
        offset.withLock { $0 = seconds }
    }
}
