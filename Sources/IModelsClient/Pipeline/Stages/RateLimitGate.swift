import Foundation

/// The rate-limit gate stage: before each attempt, waits for the endpoint's ``RateLimitClass`` (its shared cooldown
/// after a `429`, the proactive limits), or fails at once when the cooldown outlasts what this call may wait.
///
/// A call never waits out a cooldown longer than ``RetryPolicy/maxRetryAfter`` or one that ends after its deadline:
/// it would give up at the end anyway, as the caller whose `429` started the cooldown did. It throws that caller's
/// ``ITwinClientError/api(_:)`` error instead (the same code, message, rate-limit headers and correlation id) under
/// its own operation, with `retryAfter` set to the time the cooldown still runs. Nothing is sent.
struct RateLimitGate: Sendable {
    let rateLimiter: RateLimiter
    let maxCooldownWait: Duration
    let clock: any ITwinClock

    /// Waits until the endpoint's class lets one more request through.
    func pass(_ endpoint: Endpoint, deadline: Date?) async throws {
        do {
            try await rateLimiter.acquire(endpoint.limitClass, maxCooldownWait: maxCooldownWait, deadline: deadline)
        } catch let refusal as RateLimiter.CooldownRefusal {
            var error = refusal.cause ?? APIError(operation: endpoint.operation, status: 429)
            error.operation = endpoint.operation
            error.retryAfter = .seconds(max(0, refusal.end.timeIntervalSince(clock.now)))
            throw ITwinClientError.api(error)
        }
    }

    /// Whether the gate is closed now for requests of `limitClass` and stays closed past `deadline` (another caller's
    /// `429` cooldown, the callers already queued, or a proactive limit).
    ///
    /// A wait asks before each poll, so it ends at its deadline instead of queueing behind a cooldown that outlasts
    /// it. Only a gate that is closed now counts: after sleeping to a deadline the real clock reads a few
    /// microseconds past it, and the poll due at the deadline must still happen.
    func holds(_ limitClass: RateLimitClass, past deadline: Date) -> Bool {
        let opens = rateLimiter.earliestStart(for: limitClass)
        return opens > deadline && opens > clock.now
    }
}
