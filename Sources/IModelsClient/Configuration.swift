import Foundation

/// Everything about how an ``ITwinClient`` talks to the platform, apart from the token and the transport.
public struct Configuration: Sendable {
    /// The deployment (production by default).
    public var environment: ITwinEnvironment
    /// What is retried and how long to wait between attempts.
    public var retryPolicy: RetryPolicy
    /// How often waits poll.
    public var pollingPolicy: PollingPolicy
    /// Proactive rate limits (``RateLimits/none`` by default). Whatever they are, a `429` makes every caller of the
    /// same ``RateLimitClass`` wait out one shared cooldown.
    public var rateLimits: RateLimits
    /// Called once per HTTP attempt, with `Authorization` redacted; `nil` logs nothing.
    public var log: (@Sendable (LogEvent) -> Void)?
    /// The time source for deadlines, retries, polling and rate limits.
    public var clock: any ITwinClock
    /// How long one attempt may take before it is a timeout (`nil` leaves it to the transport).
    public var requestTimeout: Duration?
    /// Headers added to every request (an `X-Correlation-Id` here replaces the generated one).
    public var additionalHeaders: HTTPHeaders
    /// A seed for the jitter of retries and polling, for reproducible delays in tests and benchmarks;
    /// `nil` uses the system's random numbers.
    public var jitterSeed: UInt64?
    /// Code run around every HTTP attempt, in this order, after authorization and before the transport (see
    /// ``ClientMiddleware``; it sees `Authorization`). Empty by default.
    public var middlewares: [any ClientMiddleware]

    /// Creates a configuration.
    public init(
        environment: ITwinEnvironment = .production,
        retryPolicy: RetryPolicy = .default,
        pollingPolicy: PollingPolicy = .default,
        rateLimits: RateLimits = .none,
        log: (@Sendable (LogEvent) -> Void)? = nil,
        clock: any ITwinClock = SystemClock(),
        requestTimeout: Duration? = .seconds(60),
        additionalHeaders: HTTPHeaders = [:],
        jitterSeed: UInt64? = nil,
        middlewares: [any ClientMiddleware] = []
    ) {
        self.environment = environment
        self.retryPolicy = retryPolicy
        self.pollingPolicy = pollingPolicy
        self.rateLimits = rateLimits
        self.log = log
        self.clock = clock
        self.requestTimeout = requestTimeout
        self.additionalHeaders = additionalHeaders
        self.jitterSeed = jitterSeed
        self.middlewares = middlewares
    }
}
