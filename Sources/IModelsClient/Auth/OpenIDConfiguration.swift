import Foundation

/// The endpoints an OpenID provider publishes at `{authority}/.well-known/openid-configuration` (OpenID Connect
/// Discovery 1.0), as far as the SDK uses them.
public struct OpenIDConfiguration: Sendable, Hashable {
    /// The `issuer` field, if any.
    public var issuer: String?
    /// The `authorization_endpoint` field: where a browser signs the user in (interactive flows).
    public var authorizationEndpoint: URL?
    /// The `token_endpoint` field: where tokens are requested.
    public var tokenEndpoint: URL
    /// The `end_session_endpoint` field, if any: where a browser signs the user out.
    public var endSessionEndpoint: URL?

    /// Creates a configuration.
    public init(
        issuer: String? = nil, authorizationEndpoint: URL? = nil, tokenEndpoint: URL, endSessionEndpoint: URL? = nil
    ) {
        self.issuer = issuer
        self.authorizationEndpoint = authorizationEndpoint
        self.tokenEndpoint = tokenEndpoint
        self.endSessionEndpoint = endSessionEndpoint
    }

    /// Reads a discovery document. `token_endpoint` is required (an absolute URL); the other endpoints are read when
    /// they are absolute URLs. Anything else throws ``TokenRequestError/decoding(operation:status:reason:)``.
    public static func parse(_ body: Data, status: Int = 200) throws -> OpenIDConfiguration {
        let operation = "discoverOpenIDConfiguration"
        func failure(_ reason: String) -> TokenRequestError {
            .decoding(operation: operation, status: status, reason: reason)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw failure("the body is not a JSON object")
        }
        func endpoint(_ name: String) throws -> URL? {
            guard let value = object[name] else { return nil }
            guard let text = value as? String, let url = URL(string: text), url.scheme != nil, url.host != nil else {
                throw failure("\(name) is not an absolute URL")
            }
            return url
        }
        guard let tokenEndpoint = try endpoint("token_endpoint") else { throw failure("token_endpoint is missing") }
        return OpenIDConfiguration(
            issuer: object["issuer"] as? String, authorizationEndpoint: try endpoint("authorization_endpoint"),
            tokenEndpoint: tokenEndpoint, endSessionEndpoint: try endpoint("end_session_endpoint"))
    }
}
