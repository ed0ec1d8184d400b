/// Opt-in proactive rate limits: the SDK spaces its own requests so a batch meets the server's limits instead of
/// bouncing off them with `429` answers.
///
/// Each ``Limit`` is a sliding window, the way the server counts: at most ``Limit/count`` requests start in any
/// span of ``Limit/window``, so the (k + count)-th request waits until the k-th started one window earlier
/// (plus ``safetyMargin``). A request of class ``RateLimitClass/cloneAndFork`` counts against its class limit and
/// against the platform-wide limit; any other request only against the platform-wide limit.
///
/// Whatever the limits, a `429` always makes every caller of that class wait out the same `Retry-After` cooldown.
///
/// ```swift
/// let limits = RateLimits.paid  // clone/fork 20 a minute, 5,000 calls a minute in all
/// let custom = RateLimits(perClass: [.cloneAndFork: .init(count: 10, window: .seconds(60))])
/// ```
public struct RateLimits: Sendable, Hashable {
    /// At most ``count`` requests start in any span of ``window``.
    public struct Limit: Sendable, Hashable {
        /// The number of requests allowed to start in one window (at least 1).
        public let count: Int
        /// The length of the sliding window (more than zero).
        public let window: Duration

        /// Creates the limit. `count` must be at least 1 and `window` longer than zero.
        public init(count: Int, window: Duration) {
            precondition(count >= 1, "RateLimits.Limit needs a count of at least 1")
            precondition(window > .zero, "RateLimits.Limit needs a window longer than zero")
            self.count = count
            self.window = window
        }
    }

    /// The limit of each class on its own (the presets limit ``RateLimitClass/cloneAndFork`` only).
    public var perClass: [RateLimitClass: Limit]
    /// The limit over all requests of every class, or `nil` for none.
    public var platformWide: Limit?
    /// Extra spacing added to every window, so the (k + count)-th request starts `window + safetyMargin` after the
    /// k-th.
    ///
    /// The SDK counts a request when it is sent; the server counts it when it arrives. Network latency varies
    /// from one request to the next, and a waiting task may resume a little late, so without a margin a later
    /// request that travels faster could land inside the server's window. The default, one second, covers
    /// ordinary latency jitter and costs under 2 % of the throughput of a one-minute window. Negative values act
    /// as zero.
    public var safetyMargin: Duration

    /// The default ``safetyMargin``: one second.
    public static let defaultSafetyMargin: Duration = .seconds(1)

    /// Creates custom limits.
    public init(
        perClass: [RateLimitClass: Limit] = [:],
        platformWide: Limit? = nil,
        safetyMargin: Duration = RateLimits.defaultSafetyMargin
    ) {
        self.perClass = perClass
        self.platformWide = platformWide
        self.safetyMargin = safetyMargin
    }

    /// No proactive limits (the default): requests are sent at once, and only a `429` cooldown holds them back.
    public static let none = RateLimits()

    /// The Trial tier: clone and fork 5 a minute; 500 calls a minute in all.
    ///
    /// The tier's additional cap of 5,000 calls an hour is not modelled; a `429` from it is handled by the
    /// cooldown.
    public static let trial = RateLimits(
        perClass: [.cloneAndFork: Limit(count: 5, window: .seconds(60))],
        platformWide: Limit(count: 500, window: .seconds(60))
    )

    /// The Basic, Premium and Enterprise tiers: clone and fork 20 a minute; 5,000 calls a minute in all.
    public static let paid = RateLimits(
        perClass: [.cloneAndFork: Limit(count: 20, window: .seconds(60))],
        platformWide: Limit(count: 5_000, window: .seconds(60))
    )

    /// Whether any proactive limit is set.
    public var isProactive: Bool { !perClass.isEmpty || platformWide != nil }
}
