import Foundation

/// Which iTwin Platform deployment the client talks to.
public enum ITwinEnvironment: Sendable, Hashable {
    /// `https://api.bentley.com`.
    case production
    /// `https://qa-api.bentley.com`.
    case qa
    /// `https://dev-api.bentley.com`.
    case dev
    /// Any base URL, for example a proxy or a loopback test server. It must be `https` unless its host is loopback.
    case custom(URL)

    /// The base URL that API paths (`/imodels`, `/transformations`) are appended to.
    public var baseURL: URL {
        switch self {
        case .production: return URL(string: "https://api.bentley.com")!
        case .qa: return URL(string: "https://qa-api.bentley.com")!
        case .dev: return URL(string: "https://dev-api.bentley.com")!
        case .custom(let url): return url
        }
    }
}
