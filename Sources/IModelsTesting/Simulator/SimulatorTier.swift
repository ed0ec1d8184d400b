/// The subscription tier the simulator enforces, with the platform's documented rate limits.
///
/// Clone and fork have their own, lower limit; every request also counts against the platform-wide limit. Both are
/// sliding one-minute windows on the simulator's clock.
public struct SimulatorTier: Sendable, Hashable, CustomStringConvertible {
    /// The tier's name as the `ITwinPlatform-RateLimited-Tier` header spells it.
    public var name: String
    /// Clone and fork calls allowed per minute, or `nil` for no limit.
    public var cloneAndForkPerMinute: Int?
    /// Calls of any kind allowed per minute, or `nil` for no limit.
    public var platformPerMinute: Int?

    /// Creates a tier with your own limits.
    public init(name: String, cloneAndForkPerMinute: Int?, platformPerMinute: Int?) {
        self.name = name
        self.cloneAndForkPerMinute = cloneAndForkPerMinute
        self.platformPerMinute = platformPerMinute
    }

    /// Trial: clone and fork 5 per minute, 500 calls per minute in all.
    public static let trial = SimulatorTier(name: "Trial", cloneAndForkPerMinute: 5, platformPerMinute: 500)
    /// Basic, Premium and Enterprise: clone and fork 20 per minute, 5,000 calls per minute in all.
    public static let paid = SimulatorTier(name: "Premium", cloneAndForkPerMinute: 20, platformPerMinute: 5_000)
    /// No rate limits (the default), for tests that are not about limits.
    public static let unlimited = SimulatorTier(name: "Unlimited", cloneAndForkPerMinute: nil, platformPerMinute: nil)

    /// The tier's name.
    public var description: String { name }
}
