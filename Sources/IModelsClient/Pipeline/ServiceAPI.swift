/// The platform API a request belongs to: its root path and the `Accept` version it sends.
enum ServiceAPI: Sendable {
    /// iModels API v2.
    case iModels
    /// Transformations API v1.
    case transformations

    /// The first path segment below the base URL.
    var rootPath: String {
        switch self {
        case .iModels: return "imodels"
        case .transformations: return "transformations"
        }
    }

    /// The `Accept` header value.
    var accept: String {
        switch self {
        case .iModels: return "application/vnd.bentley.itwin-platform.v2+json"
        case .transformations: return "application/vnd.bentley.itwin-platform.v1+json"
        }
    }
}
