import Foundation
import IModelsClient

/// A discrete-event clock for tests: time moves only when you say so, and sleepers wake in deadline order.
///
/// Every ``sleep(for:)`` registers a deadline and suspends. ``advance(by:)`` moves time forward and resumes, in
/// deadline order (ties in registration order), every sleeper whose deadline has passed. ``run(maxSteps:)``
/// repeatedly lets pending work settle and then jumps to the next deadline until no sleeper is left, so
/// concurrent callers see one consistent timeline and a test of a 30-minute wait finishes at once.
///
/// ```swift
/// let clock = VirtualClock()
/// let client = ITwinClient(configuration: .init(environment: .production, clock: clock), ...)
/// let model = try await clock.run { try await client.iModels.waitUntilCreated(id, until: .completed) }
/// ```
public final class VirtualClock: ITwinClock {
    private struct Sleeper {
        let id: UInt64
        let deadline: Date
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now: Date
        var nextId: UInt64 = 0
        var sleepers: [Sleeper] = []
        var generation: UInt64 = 0
        var sleepRequests: [Duration] = []
    }

    private let state: Locked<State>

    /// Creates a clock whose time starts at `start` (by default 2026-01-01T00:00:00Z).
    public init(start: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
        state = Locked(State(now: start))
    }

    /// The current virtual time.
    public var now: Date { state.withLock { $0.now } }

    /// The number of tasks currently sleeping.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// The earliest deadline of a sleeping task, if any.
    public var nextDeadline: Date? { state.withLock { $0.sleepers.map(\.deadline).min() } }

    /// Every duration passed to ``sleep(for:)`` so far, in call order (for asserting retry and polling delays).
    public var recordedSleeps: [Duration] { state.withLock { $0.sleepRequests } }

    /// Forgets the recorded sleeps.
    public func clearRecordedSleeps() { state.withLock { $0.sleepRequests.removeAll() } }

    /// Suspends until virtual time reaches `now + duration`; throws `CancellationError` when the task is cancelled.
    public func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        let id = state.withLock { state -> UInt64 in
            state.sleepRequests.append(duration)
            state.nextId += 1
            return state.nextId
        }
        if duration <= .zero {
            state.withLock { $0.generation &+= 1 }
            await Task.yield()
            try Task.checkCancellation()
            return
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let cancelled = state.withLock { state -> Bool in
                    if Task.isCancelled { return true }
                    let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
                    state.sleepers.append(
                        Sleeper(id: id, deadline: state.now.addingTimeInterval(seconds), continuation: continuation))
                    state.generation &+= 1
                    return false
                }
                if cancelled { continuation.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            let sleeper = state.withLock { state -> Sleeper? in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                state.generation &+= 1
                return state.sleepers.remove(at: index)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time forward by `duration`, resuming every sleeper whose deadline has passed, in deadline order.
    public func advance(by duration: Duration) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        advance(to: now.addingTimeInterval(max(0, seconds)))
    }

    /// Moves time forward to `date` (never backwards), resuming every sleeper whose deadline has passed.
    public func advance(to date: Date) {
        let due = state.withLock { state -> [Sleeper] in
            if date > state.now { state.now = date }
            let now = state.now
            let due = state.sleepers.filter { $0.deadline <= now }
                .sorted { ($0.deadline, $0.id) < ($1.deadline, $1.id) }
            guard !due.isEmpty else { return [] }
            let ids = Set(due.map(\.id))
            state.sleepers.removeAll { ids.contains($0.id) }
            state.generation &+= 1
            return due
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// Lets pending work settle, then jumps to the next deadline, until no sleeper is left or `maxSteps` jumps
    /// were made. Returns the number of jumps.
    @discardableResult
    public func run(maxSteps: Int = 1_000_000) async -> Int {
        var steps = 0
        while steps < maxSteps {
            await settle()
            guard let deadline = nextDeadline else { break }
            advance(to: deadline)
            steps += 1
        }
        return steps
    }

    /// Runs `operation` while driving time: whenever the operation (and anything it started) is waiting only on
    /// this clock, jumps to the next deadline. Returns the operation's result.
    public func run<Result: Sendable>(
        maxSteps: Int = 1_000_000,
        _ operation: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        let task = Task { try await operation() }
        let finished = Locked(false)
        let watcher = Task {
            _ = await task.result
            finished.withLock { $0 = true }
        }
        var steps = 0
        while !finished.withLock({ $0 }) && steps < maxSteps {
            await settle()
            if finished.withLock({ $0 }) { break }
            if let deadline = nextDeadline {
                advance(to: deadline)
                steps += 1
            } else {
                // Nothing sleeps on this clock: the operation waits on something else (a real transport).
                try? await Task.sleep(for: .milliseconds(1))
            }
        }
        _ = await watcher.result
        return try await task.value
    }

    /// Yields until no task has registered, woken or cancelled a sleep for several consecutive rounds.
    public func settle() async {
        var last = state.withLock { $0.generation }
        var stableRounds = 0
        var rounds = 0
        while stableRounds < 4 && rounds < 10_000 {
            for _ in 0..<8 { await Task.yield() }
            rounds += 1
            if stableRounds >= 2 { usleep(50) }
            let current = state.withLock { $0.generation }
            if current == last {
                stableRounds += 1
            } else {
                stableRounds = 0
                last = current
            }
        }
    }
}
