import IModelsClient
import Testing

@Suite struct RateLimitsTests {
    @Test func noneIsTheDefaultAndHoldsNothingBack() {
        #expect(RateLimits.none.perClass.isEmpty)
        #expect(RateLimits.none.platformWide == nil)
        #expect(!RateLimits.none.isProactive)
    }

    @Test func trialAllowsFiveClonesAndForksAndFiveHundredCallsAMinute() {
        let trial = RateLimits.trial
        #expect(trial.perClass == [.cloneAndFork: .init(count: 5, window: .seconds(60))])
        #expect(trial.platformWide == .init(count: 500, window: .seconds(60)))
        #expect(trial.safetyMargin == RateLimits.defaultSafetyMargin)
        #expect(trial.isProactive)
    }

    @Test func paidAllowsTwentyClonesAndForksAndFiveThousandCallsAMinute() {
        let paid = RateLimits.paid
        #expect(paid.perClass == [.cloneAndFork: .init(count: 20, window: .seconds(60))])
        #expect(paid.platformWide == .init(count: 5_000, window: .seconds(60)))
        #expect(paid.isProactive)
    }
}
