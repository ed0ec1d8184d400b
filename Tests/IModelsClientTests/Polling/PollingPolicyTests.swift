import Foundation
import Testing

@testable import IModelsClient

/// `PollingPolicy`: the delays every wait polls with.
@Suite struct PollingPolicyTests: NewIModelWait {
    @Test func theDefaultPolicyIsOneSecondDoublingCappedAtFifteen() {
        let policy = PollingPolicy.default
        #expect(policy.initialDelay == .seconds(1))
        #expect(policy.multiplier == 2)
        #expect(policy.maxDelay == .seconds(15))
        #expect(policy.jitter > 0 && policy.jitter < 1)
        let nominal = (0..<Self.defaultNominalDelays.count).map { policy.nominalDelay(beforePoll: $0).seconds }
        #expect(nominal == Self.defaultNominalDelays)
        // Jitter only ever shortens a delay, so the cap holds.
        for index in 0..<12 {
            for unit in [0.0, 0.5, 0.999_999] {
                let delay = policy.delay(beforePoll: index, unitRandom: unit)
                #expect(delay <= policy.nominalDelay(beforePoll: index) && delay <= .seconds(15))
                #expect(delay >= policy.nominalDelay(beforePoll: index) * 0.9)
            }
        }
    }
}
