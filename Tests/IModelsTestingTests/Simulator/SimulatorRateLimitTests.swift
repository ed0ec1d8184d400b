import Foundation
import IModelsTesting
import Testing

@testable import IModelsClient

@Suite struct SimulatorRateLimitTests {
    private let counter = Locked(0)

    /// A clone (or fork) with a fresh name, answered however the simulator decides.
    private func copy(_ world: SimulatorFixture<SimulatorSeeds>, fork: Bool = false) async throws -> SimulatorResponse {
        let number = counter.withLock {
            $0 += 1
            return $0
        }
        return try await world.copy(fork: fork, #"{"iTwinId":"\#(world.iTwin)","name":"Copy \#(number)"}"#)
    }

    private func expectRateLimited(
        _ response: SimulatorResponse, retryAfter: Int, tier: String, operation: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(response.status == 429, sourceLocation: sourceLocation)
        #expect(response.headers["Retry-After"] == String(retryAfter), sourceLocation: sourceLocation)
        #expect(response.headers["ITwinPlatform-RateLimited-Tier"] == tier, sourceLocation: sourceLocation)
        #expect(response.headers["ITwinPlatform-RateLimited-API"] == "iModels", sourceLocation: sourceLocation)
        #expect(response.headers["ITwinPlatform-RateLimited-Operation"] == operation, sourceLocation: sourceLocation)
        #expect(
            response.headers["ITwinPlatform-RateLimited-Application"]?.isEmpty == false, sourceLocation: sourceLocation)
        let error = try response.error()
        // The iModels API's 429 body as seed 003 documents it.
        #expect(error["code"] as? String == "TooManyRequests", sourceLocation: sourceLocation)
        #expect(
            error["message"] as? String == "More requests were received than the subscription rate-limit allows.",
            sourceLocation: sourceLocation)
    }

    @Test func trialAllowsFiveClonesAMinuteThen429WithTheDocumentedAnswer() async throws {
        let world = SimulatorFixture.bridges(options: SimulatorOptions(tier: .trial))
        for _ in 0..<5 {
            #expect(try await copy(world).status == 202)
        }
        let limited = try await copy(world)
        try expectRateLimited(limited, retryAfter: 60, tier: "Trial", operation: "CloneIModel")
        #expect(world.simulator.iModels().count == 6)
        // Other calls are not held by the clone and fork limit.
        #expect(try await world.send(.get, "/imodels/\(world.source)").status == 200)
    }

    @Test func paidAllowsTwentyClonesAMinute() async throws {
        let world = SimulatorFixture.bridges(options: SimulatorOptions(tier: .paid))
        for _ in 0..<20 {
            #expect(try await copy(world).status == 202)
        }
        try expectRateLimited(try await copy(world), retryAfter: 60, tier: "Premium", operation: "CloneIModel")
        #expect(world.simulator.iModels().count == 21)
    }

    @Test func unlimitedNeverAnswers429() async throws {
        let world = SimulatorFixture.bridges(options: SimulatorOptions(tier: .unlimited))
        for _ in 0..<100 {
            #expect(try await copy(world).status == 202)
        }
        for _ in 0..<600 {
            #expect(try await world.send(.get, "/imodels/\(world.source)/operations/create").status == 200)
        }
        #expect(!world.simulator.requestLog.contains { $0.status == 429 })
    }

    /// The simulator's own choice (the rate-limits page gives clone a per-minute limit and says nothing of fork;
    /// `SimulatorTier` documents it): clone and fork count in one window, the stricter reading.
    @Test func forksShareTheCloneWindow() async throws {
        let world = SimulatorFixture.bridges(options: SimulatorOptions(tier: .trial))
        for fork in [false, true, false, true, true] {
            #expect(try await copy(world, fork: fork).status == 202)
        }
        try expectRateLimited(try await copy(world, fork: true), retryAfter: 60, tier: "Trial", operation: "ForkIModel")
        try expectRateLimited(try await copy(world), retryAfter: 60, tier: "Trial", operation: "CloneIModel")
    }

    @Test func retryAfterCountsTheSecondsUntilTheOldestCloneLeavesTheWindow() async throws {
        let world = SimulatorFixture.bridges(options: SimulatorOptions(tier: .trial))
        for second in [0, 10, 20, 30, 40] {
            world.advance(toElapsed: TimeInterval(second))
            #expect(try await copy(world).status == 202)
        }
        world.advance(toElapsed: 45)
        try expectRateLimited(try await copy(world), retryAfter: 15, tier: "Trial", operation: "CloneIModel")
        world.advance(toElapsed: 45.5)
        try expectRateLimited(try await copy(world), retryAfter: 15, tier: "Trial", operation: "CloneIModel")
        world.advance(toElapsed: 59.2)
        try expectRateLimited(try await copy(world), retryAfter: 1, tier: "Trial", operation: "CloneIModel")

        // The window slides: the clone at 0 s leaves it at 60 s, the next one at 70 s.
        world.advance(toElapsed: 60)
        #expect(try await copy(world).status == 202)
        try expectRateLimited(try await copy(world), retryAfter: 10, tier: "Trial", operation: "CloneIModel")
        world.advance(toElapsed: 70)
        #expect(try await copy(world).status == 202)
        try expectRateLimited(try await copy(world), retryAfter: 10, tier: "Trial", operation: "CloneIModel")
    }

    @Test func rejectedClonesDoNotCountAgainstTheWindow() async throws {
        let world = SimulatorFixture.bridges(options: SimulatorOptions(tier: .trial))
        for _ in 0..<5 {
            #expect(try await copy(world).status == 202)
        }
        for second in 1...30 {
            world.advance(toElapsed: TimeInterval(second))
            #expect(try await copy(world).status == 429)
        }
        world.advance(toElapsed: 60)
        for _ in 0..<5 {
            #expect(try await copy(world).status == 202)
        }
        #expect(try await copy(world).status == 429)
    }

    @Test func trialAllows500CallsAMinuteInAll() async throws {
        let world = SimulatorFixture.bridges(options: SimulatorOptions(tier: .trial))
        world.advance(toElapsed: 0)
        for _ in 0..<3 {
            #expect(try await copy(world).status == 202)
        }
        world.advance(toElapsed: 20)
        for _ in 0..<497 {
            #expect(try await world.send(.get, "/imodels/\(world.source)").status == 200)
        }
        let limited = try await world.send(.get, "/imodels/\(world.source)")
        try expectRateLimited(limited, retryAfter: 40, tier: "Trial", operation: "*")
        // A clone is held by the platform limit too, although its own window has room.
        let clone = try await copy(world)
        #expect(clone.status == 429)
        #expect(clone.headers["Retry-After"] == "40")

        world.advance(toElapsed: 60)
        #expect(try await world.send(.get, "/imodels/\(world.source)").status == 200)
        #expect(try await world.send(.get, "/imodels/\(world.source)").status == 200)
        #expect(try await world.send(.get, "/imodels/\(world.source)").status == 200)
        try expectRateLimited(
            try await world.send(.get, "/imodels/\(world.source)"), retryAfter: 20, tier: "Trial", operation: "*")
    }

    @Test func paidAllows5000CallsAMinuteInAll() async throws {
        let world = SimulatorFixture.bridges(options: SimulatorOptions(tier: .paid))
        for _ in 0..<5_000 {
            let response = try await world.send(.get, "/imodels/\(world.source)/operations/create")
            if response.status != 200 {
                Issue.record("answered \(response.status) before the limit")
                break
            }
        }
        try expectRateLimited(
            try await world.send(.get, "/imodels/\(world.source)"), retryAfter: 60, tier: "Premium", operation: "*")
        world.advance(toElapsed: 60)
        #expect(try await world.send(.get, "/imodels/\(world.source)").status == 200)
    }

    @Test func unauthenticatedRequestsAreAnsweredBeforeTheLimit() async throws {
        let world = SimulatorFixture.bridges(options: SimulatorOptions(tier: .trial))
        for _ in 0..<5 {
            #expect(try await copy(world).status == 202)
        }
        let anonymous = try await world.copy(#"{"iTwinId":"\#(world.iTwin)","name":"Anonymous"}"#, token: nil)
        #expect(anonymous.status == 401)
    }

    @Test func changingTheTierAppliesToLaterRequests() async throws {
        let world = SimulatorFixture.bridges(options: SimulatorOptions(tier: .paid))
        for _ in 0..<5 {
            #expect(try await copy(world).status == 202)
        }
        world.simulator.options.tier = .trial
        #expect(world.simulator.options.tier == .trial)
        try expectRateLimited(try await copy(world), retryAfter: 60, tier: "Trial", operation: "CloneIModel")
        world.simulator.options.tier = .unlimited
        #expect(try await copy(world).status == 202)
    }

    @Test func aTierOfZeroClonesRefusesEveryClone() async throws {
        let tier = SimulatorTier(name: "Read only", cloneAndForkPerMinute: 0, platformPerMinute: nil)
        let world = SimulatorFixture.bridges(options: SimulatorOptions(tier: tier))
        try expectRateLimited(try await copy(world), retryAfter: 60, tier: "Read only", operation: "CloneIModel")
        #expect(try await world.send(.get, "/imodels/\(world.source)").status == 200)
        #expect(world.simulator.iModels().count == 1)
    }

    @Test func aCustomTierHasItsOwnLimits() async throws {
        let tier = SimulatorTier(name: "Custom", cloneAndForkPerMinute: 2, platformPerMinute: nil)
        let world = SimulatorFixture.bridges(options: SimulatorOptions(tier: tier))
        #expect(try await copy(world).status == 202)
        #expect(try await copy(world).status == 202)
        try expectRateLimited(try await copy(world), retryAfter: 60, tier: "Custom", operation: "CloneIModel")
    }
}
