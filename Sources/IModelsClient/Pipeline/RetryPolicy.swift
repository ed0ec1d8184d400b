import Foundation

/// What the pipeline retries, and how long it waits between attempts.
///
/// - `429`, and `503` with `Retry-After`, mean the server did not act: they are retried for every method after the
///   wait the server asked for (never shorter). A wait longer than ``maxRetryAfter``, or than the time left before a
///   deadline, is not waited out: the ``APIError`` is thrown with `retryAfter` set.
/// - Other `5xx` (except 501 and 505), timeouts and lost connections may follow work the server did: they are
///   retried with capped, jittered exponential backoff only for idempotent requests (GET, DELETE, and the SDK's
///   `PATCH` calls, which set fields to given values, so a resend has the effect of one send); a `404` on a
///   retried DELETE counts as success.
/// - A `408`, and a request that certainly did not reach the server (refused connection, DNS failure), are retried
///   with backoff for every method: the server did not act.
/// - A refused redirect and an answer over the transport's size limit are not retried: they would end the same way.
///
/// When attempts run out, the last error is thrown.
public struct RetryPolicy: Sendable, Hashable {
    /// The most attempts per call, the first included (1 = never retry). A `401` followed by a token refresh adds
    /// one attempt that does not count.
    public var maxAttempts: Int
    /// The backoff before the first retry.
    public var initialBackoff: Duration
    /// The growth factor of the backoff.
    public var backoffMultiplier: Double
    /// The largest backoff; jitter keeps every backoff at or below it.
    public var maxBackoff: Duration
    /// The longest `Retry-After` the SDK waits out; longer requests surface as errors.
    public var maxRetryAfter: Duration
    /// Statuses retried with backoff for idempotent methods.
    public var retryableStatuses: Set<Int>

    /// Creates a policy.
    public init(
        maxAttempts: Int,
        initialBackoff: Duration = .milliseconds(500),
        backoffMultiplier: Double = 2,
        maxBackoff: Duration = .seconds(20),
        maxRetryAfter: Duration = .seconds(120),
        retryableStatuses: Set<Int> = [408, 500, 502, 503, 504]
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.backoffMultiplier = max(1, backoffMultiplier)
        self.maxBackoff = maxBackoff
        self.maxRetryAfter = maxRetryAfter
        self.retryableStatuses = retryableStatuses
    }

    /// Five attempts, backoff 0.5 s ×2 up to 20 s, `Retry-After` honoured up to 120 s.
    public static let `default` = RetryPolicy(maxAttempts: 5)

    /// Never retries (a `401` still gets one attempt with a refreshed token).
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The backoff before retry number `retry` (1 = the first retry), with "equal jitter": a delay drawn from the
    /// upper half of the nominal delay, which itself is capped at ``maxBackoff``. `unitRandom` is in `0..<1`.
    func backoff(beforeRetry retry: Int, unitRandom: Double) -> Duration {
        let nominal = min(
            initialBackoff.seconds * pow(backoffMultiplier, Double(max(0, retry - 1))), maxBackoff.seconds)
        return .seconds(nominal / 2 + nominal / 2 * min(max(unitRandom, 0), 1))
    }

    /// What to do after a failed attempt.
    enum Decision: Equatable {
        /// Wait this long, then try again.
        case retry(after: Duration)
        /// Give up and throw the error.
        case stop
    }

    /// Decides about an attempt that ended with `status` (or, when `nil`, with a transport failure), given whether
    /// the server may have acted on it (`ServerMayHaveActed`, the rule duplicate safety uses too).
    func decide(
        status: Int?,
        serverMayHaveActed: Bool,
        retryAfter: Duration?,
        method: HTTPMethod,
        idempotent: Bool? = nil,
        attempt: Int,
        timeLeft: Duration?,
        unitRandom: Double
    ) -> Decision {
        guard attempt < maxAttempts else { return .stop }
        // A request that is not idempotent is sent again only when the server certainly did not act on it.
        // `idempotent` overrides the method's rule for an endpoint whose resend is known to be harmless (a PATCH).
        guard (idempotent ?? method.isIdempotent) || !serverMayHaveActed else { return .stop }
        let delay: Duration
        if let status {
            if let retryAfter, status == 429 || status == 503 {
                guard retryAfter <= maxRetryAfter else { return .stop }
                delay = retryAfter
            } else if status == 429 || retryableStatuses.contains(status) {
                delay = backoff(beforeRetry: attempt, unitRandom: unitRandom)
            } else {
                return .stop
            }
        } else {
            delay = backoff(beforeRetry: attempt, unitRandom: unitRandom)
        }
        if let timeLeft, delay > timeLeft { return .stop }
        return .retry(after: delay)
    }
}
