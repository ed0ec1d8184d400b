import Foundation
import IModelsClient
import IModelsTesting
import Testing

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
}
