/// The subscription tier the simulator enforces, with the platform's documented rate limits.
///
/// Clone and fork have their own, lower limit; every request also counts against the platform-wide limits (a minute
/// and, for the Trial tier, an hour). All are sliding windows on the simulator's clock.
///
/// Where the documentation is silent the simulator chooses (<https://developer.bentley.com/apis/overview/rate-limits>
/// and the Clone and Fork iModel pages):
/// - clone and fork share **one** window (5 or 20 calls a minute between them); the pages give each operation the
///   same limit without saying whether they are counted together, and sharing is the stricter reading;
/// - the `ITwinPlatform-RateLimited-Tier` header carries ``name``: `Trial` for ``trial``, `Premium` for ``paid``
///   (the documented header names no values; the rate-limits page now calls the tiers Community, Standard, Premium
///   and Custom);
/// - `ITwinPlatform-RateLimited-Operation` is `CloneIModel` or `ForkIModel` when the clone-and-fork window refused the
///   call and `*` otherwise, `ITwinPlatform-RateLimited-API` is `iModels` or `Transformations`, and
///   `ITwinPlatform-RateLimited-Application` is `imodels-simulator`.
public struct SimulatorTier: Sendable, Hashable, CustomStringConvertible {
    /// The tier's name as the `ITwinPlatform-RateLimited-Tier` header spells it.
    public var name: String
    /// Clone and fork calls allowed per minute, or `nil` for no limit.
    public var cloneAndForkPerMinute: Int?
    /// Calls of any kind allowed per minute, or `nil` for no limit.
    public var platformPerMinute: Int?
    /// Calls of any kind allowed per hour, or `nil` for no hourly cap.
    public var platformPerHour: Int?

    /// Creates a tier with your own limits.
    public init(name: String, cloneAndForkPerMinute: Int?, platformPerMinute: Int?, platformPerHour: Int? = nil) {
        self.name = name
        self.cloneAndForkPerMinute = cloneAndForkPerMinute
        self.platformPerMinute = platformPerMinute
        self.platformPerHour = platformPerHour
    }

    /// Trial (Community): clone and fork 5 per minute, 500 calls per minute and 5,000 per hour in all.
    public static let trial = SimulatorTier(
        name: "Trial", cloneAndForkPerMinute: 5, platformPerMinute: 500, platformPerHour: 5_000)
    /// Basic, Premium and Enterprise: clone and fork 20 per minute, 5,000 calls per minute in all.
    public static let paid = SimulatorTier(name: "Premium", cloneAndForkPerMinute: 20, platformPerMinute: 5_000)
    /// No rate limits (the default), for tests that are not about limits.
    public static let unlimited = SimulatorTier(name: "Unlimited", cloneAndForkPerMinute: nil, platformPerMinute: nil)

    /// The tier's name.
    public var description: String { name }
}
