import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

/// The query a wait asks before each poll: does another caller's `429` cooldown hold polls past the deadline?
@Suite(.verifiesStubTransports) struct RateLimitGateWaitDeadlineTests {
    @Test func aCooldownEndingAfterTheDeadlineHoldsAndOneEndingBeforeItDoesNot() {
        let clock = VirtualClock()
        let pipeline = makeClient(StubTransport(), clock: clock).pipeline
        let now = clock.now
        #expect(!pipeline.gate.holds(.general, past: now.addingTimeInterval(10)), "no cooldown: open")
        pipeline.rateLimiter.noteRateLimited(.general, retryAfter: .seconds(60))
        #expect(pipeline.gate.holds(.general, past: now.addingTimeInterval(10)))
        #expect(!pipeline.gate.holds(.general, past: now.addingTimeInterval(90)), "it ends before")
        #expect(!pipeline.gate.holds(.cloneAndFork, past: now.addingTimeInterval(10)), "another class")
    }

    @Test func aGateOpenNowDoesNotHoldEvenPastADeadlineAlreadyReached() {
        let clock = VirtualClock()
        let pipeline = makeClient(StubTransport(), clock: clock).pipeline
        // After sleeping to the deadline the real clock reads a little past it: the poll due then must still go.
        #expect(!pipeline.gate.holds(.general, past: clock.now.addingTimeInterval(-0.000_01)))
        pipeline.rateLimiter.noteRateLimited(.general, retryAfter: .seconds(5))
        clock.advance(by: .seconds(5))
        #expect(!pipeline.gate.holds(.general, past: clock.now.addingTimeInterval(-0.000_01)))
    }
}
