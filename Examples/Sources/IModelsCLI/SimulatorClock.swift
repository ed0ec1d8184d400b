import Foundation
import IModelsClient

/// The simulator's clock: real time, shifted while the sample history is seeded.
///
/// The simulator computes every state from its clock, so seeding a run "two minutes ago" makes it finished by the
/// time the command starts: ``SimulatorWorld`` sets a negative offset, seeds, and sets the offset back to zero.
public final class SimulatorClock: ITwinClock {
    private let offset = Protected<TimeInterval>(0)

    /// Creates the clock, at real time.
    public init() {}

    /// Real time plus the offset.
    public var now: Date { Date().addingTimeInterval(offset.withLock { $0 }) }

    /// Sleeps in real time.
    public func sleep(for duration: Duration) async throws {
        try await SystemClock().sleep(for: duration)
    }

    /// Moves the clock `seconds` from real time (negative: into the past).
    public func setOffset(_ seconds: TimeInterval) {
        offset.withLock { $0 = seconds }
    }
}
