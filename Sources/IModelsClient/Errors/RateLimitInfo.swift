/// The `ITwinPlatform-RateLimited-*` headers of a 429 answer.
public struct RateLimitInfo: Sendable, Hashable {
    /// `ITwinPlatform-RateLimited-Tier`, for example `Trial`.
    public var tier: String?
    /// `ITwinPlatform-RateLimited-API`.
    public var api: String?
    /// `ITwinPlatform-RateLimited-Operation`.
    public var operation: String?
    /// `ITwinPlatform-RateLimited-Application` (the client id).
    public var application: String?

    /// Creates the values.
    public init(tier: String? = nil, api: String? = nil, operation: String? = nil, application: String? = nil) {
        self.tier = tier
        self.api = api
        self.operation = operation
        self.application = application
    }

    /// Reads the headers; `nil` when none of them is present.
    public init?(headers: HTTPHeaders) {
        self.init(
            tier: headers["ITwinPlatform-RateLimited-Tier"],
            api: headers["ITwinPlatform-RateLimited-API"],
            operation: headers["ITwinPlatform-RateLimited-Operation"],
            application: headers["ITwinPlatform-RateLimited-Application"]
        )
        if tier == nil, api == nil, operation == nil, application == nil { return nil }
    }
}
