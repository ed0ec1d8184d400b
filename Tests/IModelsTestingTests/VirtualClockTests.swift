import Foundation
import IModelsTesting
import Testing

@testable import IModelsClient

@Suite struct VirtualClockTests {
    @Test func sleepersWakeInDeadlineOrder() async throws {
        let clock = VirtualClock()
        let start = clock.now
        let order = Locked<[Int]>([])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, seconds) in [5, 1, 3, 1, 4].enumerated() {
                group.addTask {
                    try await clock.sleep(for: .seconds(seconds))
                    order.withLock { $0.append(index) }
                }
            }
            await clock.settle()
            #expect(clock.sleeperCount == 5)
            clock.advance(by: .seconds(2))
            await clock.settle()
            #expect(Set(order.withLock { $0 }) == [1, 3])
            #expect(clock.sleeperCount == 3)
            await clock.run()
            try await group.waitForAll()
        }
        let woken = order.withLock { $0 }
        #expect(woken.count == 5)
        #expect(Array(woken.suffix(3)) == [2, 4, 0])
        #expect(clock.now == start.addingTimeInterval(5))
    }

    @Test func runDrivesFiftyConcurrentSleepersWithAConsistentNow() async throws {
        let clock = VirtualClock()
        let start = clock.now
        let lengths = (0..<50).map { ($0 * 7) % 23 + 1 }
        let observed = try await withThrowingTaskGroup(of: (Int, TimeInterval).self) { group in
            for length in lengths {
                group.addTask {
                    try await clock.sleep(for: .seconds(length))
                    return (length, clock.now.timeIntervalSince(start))
                }
            }
            let steps = await clock.run()
            #expect(steps == Set(lengths).count)
            return try await group.reduce(into: [(Int, TimeInterval)]()) { $0.append($1) }
        }
        #expect(observed.count == 50)
        for (length, elapsed) in observed {
            #expect(elapsed == TimeInterval(length))
        }
        #expect(clock.now == start.addingTimeInterval(TimeInterval(lengths.max()!)))
    }

    @Test func cancellingASleeperThrowsCancellationError() async {
        let clock = VirtualClock()
        let task = Task { try await clock.sleep(for: .seconds(100)) }
        await clock.settle()
        task.cancel()
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(clock.sleeperCount == 0)
    }

    @Test func runWithAnOperationReturnsItsResultAfterJumpingTime() async throws {
        let clock = VirtualClock()
        let start = clock.now
        let value = try await clock.run {
            try await clock.sleep(for: .seconds(1800))
            return 42
        }
        #expect(value == 42)
        #expect(clock.now == start.addingTimeInterval(1800))
        #expect(clock.recordedSleeps == [.seconds(1800)])
    }

    /// Yields (no virtual time passes) until `count` tasks sleep on the clock.
    private func waitForSleepers(_ count: Int, on clock: VirtualClock) async {
        var rounds = 0
        while clock.sleeperCount < count && rounds < 100_000 {
            await Task.yield()
            rounds += 1
        }
        #expect(clock.sleeperCount == count)
    }

    /// Step by step, with no reliance on scheduling: after each advance, exactly the sleepers whose deadline has
    /// passed have woken (the later ones cannot have: their continuations are not resumed), and each saw its own
    /// deadline as `now`.
    @Test func eachAdvanceWakesExactlyTheSleepersWhoseDeadlineHasPassed() async throws {
        let clock = VirtualClock()
        let start = clock.now
        let lengths = [5, 1, 3, 1, 4, 2]
        let woke = Locked<[Int: TimeInterval]>([:])
        let tasks = lengths.enumerated().map { index, seconds in
            Task {
                try await clock.sleep(for: .seconds(seconds))
                let elapsed = clock.now.timeIntervalSince(start)
                woke.withLock { $0[index] = elapsed }
            }
        }
        await waitForSleepers(lengths.count, on: clock)
        for deadline in 1...5 {
            let due = start.addingTimeInterval(TimeInterval(deadline))
            #expect(clock.nextDeadline == due)
            clock.advance(to: due)
            let dueNow = lengths.indices.filter { lengths[$0] == deadline }
            for index in dueNow { try await tasks[index].value }
            let woken = woke.withLock { $0 }
            #expect(Set(woken.keys) == Set(lengths.indices.filter { lengths[$0] <= deadline }))
            #expect(clock.sleeperCount == lengths.filter { $0 > deadline }.count)
            for index in dueNow { #expect(woken[index] == TimeInterval(deadline)) }
        }
        #expect(clock.nextDeadline == nil)
    }

    @Test func oneAdvancePastSeveralDeadlinesWakesThemAllAtTheNewTime() async throws {
        let clock = VirtualClock()
        let start = clock.now
        let woke = Locked<[Int: TimeInterval]>([:])
        let tasks = [3, 7, 12].map { seconds in
            Task {
                try await clock.sleep(for: .seconds(seconds))
                let elapsed = clock.now.timeIntervalSince(start)
                woke.withLock { $0[seconds] = elapsed }
            }
        }
        await waitForSleepers(3, on: clock)
        clock.advance(by: .seconds(10))
        try await tasks[0].value
        try await tasks[1].value
        #expect(woke.withLock { $0 } == [3: 10, 7: 10])
        #expect(clock.sleeperCount == 1)
        #expect(clock.nextDeadline == start.addingTimeInterval(12))
        clock.advance(by: .seconds(2))
        try await tasks[2].value
        #expect(woke.withLock { $0[12] } == 12)
    }

    @Test func runStopsAfterMaxStepsAndLeavesTheLaterSleepersAsleep() async throws {
        let clock = VirtualClock()
        let start = clock.now
        let tasks = (1...5).map { seconds in Task { try await clock.sleep(for: .seconds(seconds)) } }
        await waitForSleepers(5, on: clock)
        #expect(await clock.run(maxSteps: 3) == 3)
        #expect(clock.sleeperCount == 2)
        #expect(clock.now == start.addingTimeInterval(3))
        #expect(await clock.run() == 2)
        for task in tasks { try await task.value }
        #expect(clock.now == start.addingTimeInterval(5))
    }

    @Test func aSleepOfZeroOrLessReturnsAtOnceAndIsRecorded() async throws {
        let clock = VirtualClock()
        let start = clock.now
        try await clock.sleep(for: .zero)
        try await clock.sleep(for: .seconds(-3))
        #expect(clock.recordedSleeps == [.zero, .seconds(-3)])
        #expect(clock.sleeperCount == 0)
        #expect(clock.now == start)
        clock.clearRecordedSleeps()
        #expect(clock.recordedSleeps.isEmpty)
    }

    @Test func timeNeverGoesBackAndLaterSleepsCountFromTheNewNow() async throws {
        let clock = VirtualClock()
        let start = clock.now
        clock.advance(to: start.addingTimeInterval(-100))
        clock.advance(by: .seconds(-5))
        #expect(clock.now == start)
        clock.advance(by: .seconds(100))
        let task = Task { try await clock.sleep(for: .milliseconds(5_500)) }
        await waitForSleepers(1, on: clock)
        #expect(clock.nextDeadline == start.addingTimeInterval(105.5))
        clock.advance(by: .seconds(5))
        #expect(clock.sleeperCount == 1)
        clock.advance(by: .milliseconds(500))
        try await task.value
        #expect(clock.now == start.addingTimeInterval(105.5))
    }
}
