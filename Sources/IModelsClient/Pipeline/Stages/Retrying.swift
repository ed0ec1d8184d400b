import Foundation

/// The retry stage: after each attempt, whether the call is done, tries again (after how long), or fails, by
/// ``RetryPolicy``, `Retry-After` and `ServerMayHaveActed`; a `429` starts the shared cooldown of the endpoint's
/// ``RateLimitClass``; a `404` to a DELETE that an earlier attempt may have carried out is the DELETE's success.
struct Retrying: Sendable {
    let policy: RetryPolicy
    let jitter: JitterSource
    let rateLimiter: RateLimiter
    let clock: any ITwinClock

    /// What the call does after an attempt.
    enum Step {
        /// Return this answer.
        case done(HTTPResponse)
        /// Send again after this wait.
        case again(after: Duration)
        /// Send again at once (the resend with a refreshed token after a `401`).
        case resend
        /// Throw this error.
        case fail(ITwinClientError)

        /// The wait before the next attempt, or `nil` when the call ends.
        var delay: Duration? {
            switch self {
            case .again(let delay): return delay
            case .resend: return .zero
            case .done, .fail: return nil
            }
        }
    }

    /// Whether the answer ends the call successfully: a `2xx`, or a `404` to a DELETE an earlier attempt may have
    /// carried out (when the endpoint says so).
    func accepts(_ response: HTTPResponse, _ call: CallState) -> Bool {
        response.isSuccess
            || (response.status == 404 && call.request.method == .delete && call.earlierAttemptMayHaveActed
                && call.endpoint.notFoundAfterRetryIsSuccess)
    }

    /// The step after an answer the call does not accept, read as `error`.
    func step(after response: HTTPResponse, error: APIError, _ call: inout CallState) -> Step {
        let mayHaveActed = ServerMayHaveActed.after(status: response.status, retryAfter: error.retryAfter)
        let decision = policy.decide(
            status: response.status, serverMayHaveActed: mayHaveActed, retryAfter: error.retryAfter,
            method: call.request.method, idempotent: call.endpoint.isIdempotent, attempt: call.countedAttempts,
            timeLeft: timeLeft(call),
            unitRandom: jitter.unit())
        if response.status == 429 {
            // The shared cooldown: the server's Retry-After in full, else the backoff this caller waits anyway. A
            // far-off Retry-After parks nobody: callers that could not wait it out fail at once (RateLimitGate).
            rateLimiter.noteRateLimited(
                call.endpoint.limitClass, retryAfter: error.retryAfter ?? decision.delay ?? .zero, cause: error)
        }
        if mayHaveActed { call.earlierAttemptMayHaveActed = true }
        return step(decision, .api(error))
    }

    /// The step after an attempt that got no answer.
    func step(after failure: TransportFailure, _ call: inout CallState) -> Step {
        if failure.requestMayHaveReachedServer { call.earlierAttemptMayHaveActed = true }
        guard failure.mayPassOnRetry else { return .fail(.transport(failure)) }
        let decision = policy.decide(
            status: nil, serverMayHaveActed: failure.requestMayHaveReachedServer, retryAfter: nil,
            method: call.request.method, idempotent: call.endpoint.isIdempotent, attempt: call.countedAttempts,
            timeLeft: timeLeft(call),
            unitRandom: jitter.unit())
        return step(decision, .transport(failure))
    }

    private func step(_ decision: RetryPolicy.Decision, _ error: ITwinClientError) -> Step {
        if case .retry(let delay) = decision { return .again(after: delay) }
        return .fail(error)
    }

    private func timeLeft(_ call: CallState) -> Duration? {
        call.deadline.map { Duration.seconds(max(0, $0.timeIntervalSince(clock.now))) }
    }
}

extension RetryPolicy.Decision {
    /// The wait before the next attempt, or `nil` when stopping.
    var delay: Duration? {
        if case .retry(let delay) = self { return delay }
        return nil
    }
}
