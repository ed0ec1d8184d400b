import Foundation
import Testing

@testable import IModelsClient

@Suite struct RetryPolicyTests {
    private func decide(
        _ status: Int?, _ method: HTTPMethod, retryAfter: Duration? = nil, reached: Bool = true,
        attempt: Int = 1, timeLeft: Duration? = nil, policy: RetryPolicy = .default
    ) -> RetryPolicy.Decision {
        policy.decide(
            status: status,
            serverMayHaveActed: status.map { ServerMayHaveActed.after(status: $0, retryAfter: retryAfter) } ?? reached,
            retryAfter: retryAfter, method: method, attempt: attempt,
            timeLeft: timeLeft, unitRandom: 0.5)
    }

    /// An endpoint that declares itself idempotent (the PATCH of `updateIModel`) is retried after an unknown outcome
    /// as a GET is; one that declares itself not idempotent is not, whatever its method.
    @Test func anEndpointsIdempotenceOverridesItsMethods() {
        func decide(_ status: Int?, _ method: HTTPMethod, idempotent: Bool?) -> RetryPolicy.Decision {
            RetryPolicy.default.decide(
                status: status, serverMayHaveActed: true, retryAfter: nil, method: method, idempotent: idempotent,
                attempt: 1, timeLeft: nil, unitRandom: 0.5)
        }
        for status in [500, 502, 504, nil] as [Int?] {
            #expect(decide(status, .patch, idempotent: nil) == .stop)
            #expect(decide(status, .patch, idempotent: true) != .stop)
            #expect(decide(status, .get, idempotent: false) == .stop)
        }
    }

    @Test func theDefaultIsFiveAttemptsHalfASecondDoublingToTwentyAndRetryAfterUpToTwoMinutes() {
        let policy = RetryPolicy.default
        #expect(policy.maxAttempts == 5)
        #expect(policy.initialBackoff == .milliseconds(500))
        #expect(policy.backoffMultiplier == 2)
        #expect(policy.maxBackoff == .seconds(20))
        #expect(policy.maxRetryAfter == .seconds(120))
        #expect(RetryPolicy.none.maxAttempts == 1)
        #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1)
    }

    /// Which answers are retried for which methods (DESIGN.md, "Retry").
    @Test(arguments: [HTTPMethod.get, .post, .patch, .delete])
    func whatIsRetriedForWhichMethod(_ method: HTTPMethod) {
        let idempotent = method == .get || method == .delete
        // The server did not act: retried for every method, after exactly the wait it asked for.
        #expect(decide(429, method, retryAfter: .seconds(7)) == .retry(after: .seconds(7)))
        #expect(decide(503, method, retryAfter: .seconds(3)) == .retry(after: .seconds(3)))
        #expect(decide(429, method) != .stop)
        #expect(decide(nil, method, reached: false) != .stop)
        #expect(decide(408, method) != .stop)
        // Unknown outcome: retried only when sending twice is harmless.
        for status in [500, 502, 503, 504] {
            #expect((decide(status, method) != .stop) == idempotent, "\(status) \(method)")
        }
        #expect((decide(nil, method, reached: true) != .stop) == idempotent)
        // Client errors, 501 and 505 are never retried.
        for status in [400, 401, 403, 404, 409, 422, 501, 505] {
            #expect(decide(status, method) == .stop, "\(status) \(method)")
        }
    }

    @Test func aRetryAfterAboveTheCapOrBeyondTheDeadlineStops() {
        #expect(decide(429, .get, retryAfter: .seconds(121)) == .stop)
        #expect(decide(503, .get, retryAfter: .seconds(121)) == .stop)
        #expect(decide(429, .get, retryAfter: .seconds(120)) == .retry(after: .seconds(120)))
        #expect(decide(429, .get, retryAfter: .seconds(30), timeLeft: .seconds(29)) == .stop)
        #expect(decide(500, .get, timeLeft: .milliseconds(1)) == .stop)
    }

    @Test func theLastAttemptStops() {
        #expect(decide(500, .get, attempt: 4) != .stop)
        #expect(decide(500, .get, attempt: 5) == .stop)
        #expect(decide(429, .get, retryAfter: .seconds(1), attempt: 5) == .stop)
        #expect(decide(429, .get, retryAfter: .seconds(1), policy: .none) == .stop)
    }

    @Test func backoffGrowsIsCappedAndItsJitterStaysInTheUpperHalf() {
        let policy = RetryPolicy(maxAttempts: 10, initialBackoff: .seconds(1), maxBackoff: .seconds(5))
        let nominal: [Double] = [1, 2, 4, 5, 5]
        for (index, bound) in nominal.enumerated() {
            #expect(policy.backoff(beforeRetry: index + 1, unitRandom: 0) == .seconds(bound / 2))
            #expect(policy.backoff(beforeRetry: index + 1, unitRandom: 0.999_999).seconds <= bound)
            #expect(policy.backoff(beforeRetry: index + 1, unitRandom: 7) == .seconds(bound))
        }
        #expect(policy.backoff(beforeRetry: 100, unitRandom: 0.5) <= .seconds(5))
    }
}
