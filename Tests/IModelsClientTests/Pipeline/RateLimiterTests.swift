import Foundation
import IModelsTesting
import Testing

@testable import IModelsClient

@Suite struct RateLimiterTests {
    /// Starts `count` concurrent acquires of `limitClass` and drives the clock until all have returned. Returns the
    /// seconds from `origin` at which each one returned, sorted.
    private func startTimes(
        _ count: Int,
        of limitClass: RateLimitClass,
        limiter: RateLimiter,
        clock: VirtualClock,
        origin: Date
    ) async throws -> [TimeInterval] {
        let returned = Locked<[TimeInterval]>([])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<count {
                group.addTask {
                    try await limiter.acquire(limitClass)
                    let elapsed = clock.now.timeIntervalSince(origin)
                    returned.withLock { $0.append(elapsed) }
                }
            }
            try await drive(clock) {
                let waiting = limiter.waitingCount(of: limitClass)
                return returned.withLock { $0.count } + waiting == count && clock.sleeperCount == waiting
            }
            try await group.waitForAll()
        }
        return returned.withLock { $0 }.sorted()
    }

    /// Advances the clock deadline by deadline, each time waiting until `settled` says every task has either
    /// finished or gone back to sleep, so no task observes a later time than the one it woke at. (`VirtualClock.run`
    /// settles by yielding, which on a busy machine may advance before a woken task has recorded its time.)
    private func drive(_ clock: VirtualClock, until target: Date? = nil, settled: () -> Bool) async throws {
        try await waitUntil(settled)
        while let deadline = clock.nextDeadline, target.map({ deadline <= $0 }) ?? true {
            clock.advance(to: deadline)
            try await waitUntil(settled)
        }
        if let target {
            clock.advance(to: target)
            try await waitUntil(settled)
        }
    }

    /// Lets tasks run (in virtual time nothing moves) until `condition` holds.
    private func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<2_000 {
            if condition() { return }
            await Task.yield()
            try await Task.sleep(for: .microseconds(200))
        }
        Issue.record("condition not reached")
    }

    /// The largest number of starts inside any half-open window `[s, s + window)`.
    private func mostStarts(in window: TimeInterval, of starts: [TimeInterval]) -> Int {
        starts.map { first in starts.filter { $0 >= first && $0 < first + window }.count }.max() ?? 0
    }

    @Test func aCooldownHoldsEveryCallerOfTheClassButNotTheOtherClass() async throws {
        let clock = VirtualClock()
        let origin = clock.now
        let limiter = RateLimiter(limits: .none, clock: clock)
        limiter.noteRateLimited(.cloneAndFork, retryAfter: .seconds(10))
        #expect(limiter.cooldownEnd(of: .cloneAndFork) == origin.addingTimeInterval(10))
        #expect(limiter.cooldownEnd(of: .general) == nil)

        let returned = Locked<[TimeInterval]>([])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await limiter.acquire(.cloneAndFork)
                    let elapsed = clock.now.timeIntervalSince(origin)
                    returned.withLock { $0.append(elapsed) }
                }
            }
            try await waitUntil { limiter.waitingCount(of: .cloneAndFork) == 20 && clock.sleeperCount == 20 }

            try await limiter.acquire(.general)
            #expect(clock.now == origin)

            clock.advance(by: .seconds(9.999))
            await clock.settle()
            #expect(returned.withLock { $0 }.isEmpty)

            try await drive(clock) {
                let waiting = limiter.waitingCount(of: .cloneAndFork)
                return returned.withLock { $0.count } + waiting == 20 && clock.sleeperCount == waiting
            }
            try await group.waitForAll()
        }
        let times = returned.withLock { $0 }
        #expect(times.count == 20)
        #expect(times.allSatisfy { $0 == 10 })
        #expect(limiter.cooldownEnd(of: .cloneAndFork) == nil)
    }

    @Test func aShorterRetryAfterNeverBringsTheCooldownForward() {
        let clock = VirtualClock()
        let origin = clock.now
        let limiter = RateLimiter(limits: .paid, clock: clock)
        limiter.noteRateLimited(.general, retryAfter: .seconds(30))
        limiter.noteRateLimited(.general, retryAfter: .seconds(5))
        #expect(limiter.cooldownEnd(of: .general) == origin.addingTimeInterval(30))
        clock.advance(by: .seconds(20))
        limiter.noteRateLimited(.general, retryAfter: .seconds(25))
        #expect(limiter.cooldownEnd(of: .general) == origin.addingTimeInterval(45))
        #expect(limiter.cooldownEnd(of: .cloneAndFork) == nil)
    }

    @Test func paidStartsTwentyClonesAtOnceAndTheRestOneWindowLater() async throws {
        let clock = VirtualClock()
        let origin = clock.now
        let limiter = RateLimiter(limits: .paid, clock: clock)
        let starts = try await startTimes(30, of: .cloneAndFork, limiter: limiter, clock: clock, origin: origin)
        let windowEnd = 60 + RateLimits.defaultSafetyMargin.components.seconds
        #expect(starts == Array(repeating: 0, count: 20) + Array(repeating: TimeInterval(windowEnd), count: 10))
        #expect(mostStarts(in: 60, of: starts) <= 20)
        #expect(clock.recordedSleeps.count == 10)
    }

    @Test func trialSpreadsTwelveClonesOverThreeWindows() async throws {
        let clock = VirtualClock()
        let origin = clock.now
        let limiter = RateLimiter(limits: .trial, clock: clock)
        let starts = try await startTimes(12, of: .cloneAndFork, limiter: limiter, clock: clock, origin: origin)
        let window: TimeInterval = 61
        let expected: [TimeInterval] =
            Array(repeating: 0, count: 5) + Array(repeating: window, count: 5) + [
                2 * window, 2 * window,
            ]
        #expect(starts == expected)
        #expect(mostStarts(in: 60, of: starts) <= 5)
    }

    @Test func withoutAMarginTheWindowMatchesTheServerExactly() async throws {
        let clock = VirtualClock()
        let origin = clock.now
        var limits = RateLimits.trial
        limits.safetyMargin = .zero
        let limiter = RateLimiter(limits: limits, clock: clock)
        let starts = try await startTimes(12, of: .cloneAndFork, limiter: limiter, clock: clock, origin: origin)
        #expect(starts == Array(repeating: 0, count: 5) + Array(repeating: 60, count: 5) + [120, 120])
    }

    @Test func aSlidingWindowLetsEachStartGoOneWindowAfterTheStartItReplaces() async throws {
        let clock = VirtualClock()
        let origin = clock.now
        let limits = RateLimits(perClass: [.cloneAndFork: .init(count: 3, window: .seconds(10))], safetyMargin: .zero)
        let limiter = RateLimiter(limits: limits, clock: clock)
        // Starts at 0, 4 and 8 fill the window; the next ones may go at 10, 14 and 18, not all at 10.
        for offset: TimeInterval in [0, 4, 4] {
            clock.advance(by: .seconds(offset))
            try await limiter.acquire(.cloneAndFork)
        }
        let starts = try await startTimes(3, of: .cloneAndFork, limiter: limiter, clock: clock, origin: origin)
        #expect(starts == [10, 14, 18])
    }

    @Test func clonesCountAgainstThePlatformWideLimitWithoutHoldingOtherCalls() async throws {
        let clock = VirtualClock()
        let origin = clock.now
        let limits = RateLimits(
            perClass: [.cloneAndFork: .init(count: 2, window: .seconds(60))],
            platformWide: .init(count: 3, window: .seconds(10)),
            safetyMargin: .zero
        )
        let limiter = RateLimiter(limits: limits, clock: clock)
        let clones = Locked<[TimeInterval]>([])
        let others = Locked<[TimeInterval]>([])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    try await limiter.acquire(.cloneAndFork)
                    let elapsed = clock.now.timeIntervalSince(origin)
                    clones.withLock { $0.append(elapsed) }
                }
            }
            try await waitUntil { clones.withLock { $0.count } == 2 && clock.sleeperCount == 1 }
            // The third clone waits for its class window (60 s) but holds no platform slot before then.
            for _ in 0..<2 {
                group.addTask {
                    try await limiter.acquire(.general)
                    let elapsed = clock.now.timeIntervalSince(origin)
                    others.withLock { $0.append(elapsed) }
                }
            }
            try await drive(clock) {
                let waiting = limiter.waitingCount(of: .cloneAndFork) + limiter.waitingCount(of: .general)
                return clones.withLock { $0.count } + others.withLock { $0.count } + waiting == 5
                    && clock.sleeperCount == waiting
            }
            try await group.waitForAll()
        }
        #expect(clones.withLock { $0 }.sorted() == [0, 0, 60])
        #expect(others.withLock { $0 }.sorted() == [0, 10])
    }

    @Test func noLimitsNeverSleep() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(limits: .none, clock: clock)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<1_000 {
                group.addTask { try await limiter.acquire(index.isMultiple(of: 3) ? .cloneAndFork : .general) }
            }
            try await group.waitForAll()
        }
        #expect(clock.recordedSleeps.isEmpty)
        #expect(limiter.waitingCount(of: .cloneAndFork) == 0)
    }

    @Test func cancellingAWaiterReleasesItsSlot() async throws {
        let clock = VirtualClock()
        let origin = clock.now
        let limiter = RateLimiter(limits: .trial, clock: clock)
        for _ in 0..<5 { try await limiter.acquire(.cloneAndFork) }

        let cancelled = Task { try await limiter.acquire(.cloneAndFork) }
        try await waitUntil { clock.sleeperCount == 1 }
        #expect(limiter.waitingCount(of: .cloneAndFork) == 1)
        cancelled.cancel()
        let result = await cancelled.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(limiter.waitingCount(of: .cloneAndFork) == 0)
        #expect(clock.now == origin)

        // The freed slot is the next one: a later caller starts one window after the first start, not two.
        let starts = try await startTimes(5, of: .cloneAndFork, limiter: limiter, clock: clock, origin: origin)
        #expect(starts == Array(repeating: 61, count: 5))
    }

    @Test func cancellingAWaiterDoesNotDelayTheOnesQueuedBehindIt() async throws {
        let clock = VirtualClock()
        let origin = clock.now
        let limits = RateLimits(perClass: [.cloneAndFork: .init(count: 1, window: .seconds(10))], safetyMargin: .zero)
        let limiter = RateLimiter(limits: limits, clock: clock)
        try await limiter.acquire(.cloneAndFork)
        let first = Task { try await limiter.acquire(.cloneAndFork) }
        try await waitUntil { clock.sleeperCount == 1 }
        let second = Task {
            try await limiter.acquire(.cloneAndFork)
            return clock.now.timeIntervalSince(origin)
        }
        try await waitUntil { clock.sleeperCount == 2 }
        first.cancel()
        await #expect(throws: CancellationError.self) { try await first.value }
        try await drive(clock) { limiter.waitingCount(of: .cloneAndFork) == clock.sleeperCount }
        // Planned at 20 behind the cancelled waiter; it keeps that time and is not delayed further.
        #expect(try await second.value == 20)
        let later = try await startTimes(1, of: .cloneAndFork, limiter: limiter, clock: clock, origin: origin)
        #expect(later == [30])
    }

    @Test func aCancelledTaskDoesNotReserveAnything() async throws {
        let clock = VirtualClock()
        let limiter = RateLimiter(limits: .trial, clock: clock)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await limiter.acquire(.cloneAndFork)
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        for _ in 0..<5 { try await limiter.acquire(.cloneAndFork) }
        #expect(clock.recordedSleeps.isEmpty)
    }

    @Test func aRateLimitReplansTheWaitersOfItsClassAfterTheCooldown() async throws {
        let clock = VirtualClock()
        let origin = clock.now
        let limiter = RateLimiter(limits: .trial, clock: clock)
        for _ in 0..<5 { try await limiter.acquire(.cloneAndFork) }
        let waiter = Task {
            try await limiter.acquire(.cloneAndFork)
            return clock.now.timeIntervalSince(origin)
        }
        try await waitUntil { clock.sleeperCount == 1 }
        clock.advance(by: .seconds(30))
        limiter.noteRateLimited(.cloneAndFork, retryAfter: .seconds(100))
        try await limiter.acquire(.general)
        #expect(clock.now == origin.addingTimeInterval(30))
        try await drive(clock) { limiter.waitingCount(of: .cloneAndFork) == clock.sleeperCount }
        #expect(try await waiter.value == 130)
    }

    @Test func randomSchedulesKeepEveryWindowCooldownAndQueueOrder() async throws {
        let size = Int(ProcessInfo.processInfo.environment["IMODELS_FUZZ_COUNT"] ?? "") ?? 10_000
        let seed = UInt64(ProcessInfo.processInfo.environment["IMODELS_FUZZ_SEED"] ?? "") ?? 0x5EED_0F11_A175
        var random = ScheduleRandom(seed: seed)
        for _ in 0..<max(2, size / 500) {
            try await checkRandomSchedule(&random)
        }
    }

    private struct Start {
        let index: Int
        let limitClass: RateLimitClass
        let time: TimeInterval
    }

    private func checkRandomSchedule(_ random: inout ScheduleRandom) async throws {
        let clock = VirtualClock()
        let origin = clock.now
        let limits = RateLimits(
            perClass: random.below(4) == 0
                ? [:] : [.cloneAndFork: .init(count: 1 + random.below(4), window: .seconds(5 + random.below(16)))],
            platformWide: random.below(4) == 0
                ? nil : .init(count: 2 + random.below(5), window: .seconds(3 + random.below(13))),
            safetyMargin: .seconds(random.below(2))
        )
        let limiter = RateLimiter(limits: limits, clock: clock)
        let starts = Locked<[Start]>([])
        var cooldowns: [(limitClass: RateLimitClass, from: TimeInterval, to: TimeInterval)] = []
        var tasks: [(index: Int, task: Task<Void, any Error>)] = []
        var cancelled: Set<Int> = []
        let settled = {
            let waiting = limiter.waitingCount(of: .cloneAndFork) + limiter.waitingCount(of: .general)
            return starts.withLock { $0.count } + waiting + cancelled.count == tasks.count
                && clock.sleeperCount == waiting
        }
        for index in 0..<30 {
            // Step through every deadline on the way, so no waiter resumes later than its reserved start (the
            // limiter counts reserved starts; lateness in real time is what the safety margin absorbs).
            try await drive(clock, until: clock.now.addingTimeInterval(TimeInterval(random.below(4))), settled: settled)
            switch random.below(10) {
            case 0:
                let limitClass: RateLimitClass = random.below(2) == 0 ? .cloneAndFork : .general
                let seconds = 1 + random.below(20)
                limiter.noteRateLimited(limitClass, retryAfter: .seconds(seconds))
                let now = clock.now.timeIntervalSince(origin)
                cooldowns.append((limitClass, now, now + TimeInterval(seconds)))
            case 1:
                if let victim = tasks.first(where: { entry in
                    !cancelled.contains(entry.index) && !starts.withLock { $0.contains { $0.index == entry.index } }
                }) {
                    cancelled.insert(victim.index)
                    victim.task.cancel()
                    if case .success = await victim.task.result { cancelled.remove(victim.index) }
                }
            default:
                let limitClass: RateLimitClass = random.below(3) == 0 ? .cloneAndFork : .general
                let task = Task {
                    try await limiter.acquire(limitClass)
                    let time = clock.now.timeIntervalSince(origin)
                    starts.withLock { $0.append(Start(index: index, limitClass: limitClass, time: time)) }
                }
                tasks.append((index, task))
            }
            try await waitUntil(settled)
        }
        try await drive(clock, settled: settled)
        for entry in tasks where !cancelled.contains(entry.index) { try await entry.task.value }

        let all = starts.withLock { $0 }
        let margin = TimeInterval(limits.safetyMargin.components.seconds)
        func check(_ limit: RateLimits.Limit?, _ times: [TimeInterval]) {
            guard let limit else { return }
            let span = TimeInterval(limit.window.components.seconds) + margin
            #expect(mostStarts(in: span, of: times) <= limit.count, "\(limits) \(times.sorted())")
        }
        check(limits.perClass[.cloneAndFork], all.filter { $0.limitClass == .cloneAndFork }.map(\.time))
        check(limits.platformWide, all.map(\.time))
        for cooldown in cooldowns {
            let inside = all.filter { $0.limitClass == cooldown.limitClass && $0.time > cooldown.from }
                .filter { $0.time < cooldown.to }
            #expect(inside.isEmpty, "started during the cooldown \(cooldown): \(inside.map(\.time))")
        }
        for limitClass in RateLimitClass.allCases {
            let times = all.filter { $0.limitClass == limitClass }.sorted { $0.index < $1.index }.map(\.time)
            #expect(times == times.sorted(), "\(limitClass) callers started out of order")
        }
    }
}

/// A seeded SplitMix64 generator, so a failing schedule can be replayed.
private struct ScheduleRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
