import Foundation

extension ITwinEnvironment {
    /// The Bentley IMS authority (OpenID provider) that issues tokens for this deployment.
    ///
    /// - ``production``: `https://ims.bentley.com`.
    /// - ``qa`` and ``dev``: `https://qa-ims.bentley.com`. Bentley's own clients (`iTwin/auth-clients`) sign in to
    ///   the dev deployment through the QA authority: they map the `dev-` prefix to `qa-` for IMS.
    /// - ``custom(_:)``: `https://ims.bentley.com` (a custom base URL is usually a proxy or a test server in front of
    ///   production); pass an `authority` to ``ServiceTokenProvider`` or ``AuthorizationServer`` to use another.
    public var authority: URL {
        switch self {
        case .production, .custom: return URL(string: "https://ims.bentley.com")!
        case .qa, .dev: return URL(string: "https://qa-ims.bentley.com")!
        }
    }
}
