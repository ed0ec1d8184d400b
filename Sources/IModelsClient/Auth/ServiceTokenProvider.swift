import Foundation

/// An ``AccessTokenProvider`` for service (machine-to-machine) apps: the OAuth client-credentials flow against Bentley
/// IMS, with no dependency.
///
/// It discovers the token endpoint from `{authority}/.well-known/openid-configuration` (once), asks it for a token
/// with `grant_type=client_credentials` and the scopes (the client id and secret in an HTTP Basic header), and keeps
/// the token until a minute (`renewBefore`) before its `expires_in` ends, through a ``CachingTokenProvider``: one
/// request in flight however many callers need a token; `forceRefresh: true` (what a client asks after a `401`)
/// fetches a new one. Requests are retried as ``AuthorizationServer`` describes.
///
/// Register a **Service** app at developer.bentley.com (My Apps → Register New, with the APIs it calls), keep its
/// client id and secret out of source control, and give its generated user (`<client id>@apps.imsoidc.bentley.com`)
/// a role on the iTwins it works on.
///
/// ```swift
/// let client = ITwinClient(
///     configuration: .init(environment: .production),
///     tokenProvider: ServiceTokenProvider(clientId: id, clientSecret: secret, scopes: ["itwin-platform"]))
/// ```
///
/// Errors are ``TokenRequestError`` (an ``ITwinClient`` wraps them in
/// ``ITwinClientError/tokenProviderFailed(operation:underlying:)``). Its `description`, `debugDescription` and mirror
/// show the client id, scopes, authority and expiry; never the secret or the token.
public final class ServiceTokenProvider: AccessTokenProvider {
    /// The client id of the registered service app.
    public let clientId: String
    /// The scopes asked for.
    public let scopes: [String]
    /// The authorization server.
    public let server: AuthorizationServer
    private let clientSecret: String
    private let cache: CachingTokenProvider

    /// Scopes that need a signed-in user, refused for a service app before anything is sent (as Bentley's
    /// `ServiceAuthorizationClient` refuses them).
    static let userScopes: Set<String> = ["openid", "email", "profile", "organization", "offline_access"]

    /// Creates the provider.
    ///
    /// - Parameters:
    ///   - clientId: The service app's client id.
    ///   - clientSecret: Its secret.
    ///   - scopes: The scopes to ask for, for example `["itwin-platform"]`.
    ///   - authority: The OpenID provider: `https://ims.bentley.com` by default; ``ITwinEnvironment/authority`` for
    ///     QA and dev. It must be `https`, or `http` to a loopback host.
    ///   - transport: Sends the token requests (``URLSessionTransport`` by default).
    ///   - clock: The time source for expiry and retry waits (``SystemClock`` by default).
    ///   - retryPolicy: What is retried and how long to wait (``RetryPolicy/default``).
    ///   - renewBefore: A token is renewed when less than this is left before it expires.
    public convenience init(
        clientId: String,
        clientSecret: String,
        scopes: [String],
        authority: URL = ITwinEnvironment.production.authority,
        transport: any HTTPTransport = URLSessionTransport(),
        clock: any ITwinClock = SystemClock(),
        retryPolicy: RetryPolicy = .default,
        renewBefore: Duration = .seconds(60)
    ) {
        self.init(
            clientId: clientId, clientSecret: clientSecret, scopes: scopes,
            server: AuthorizationServer(
                authority: authority, transport: transport, clock: clock, retryPolicy: retryPolicy,
                requestTimeout: .seconds(30), jitterSeed: nil),
            renewBefore: renewBefore)
    }

    /// Creates the provider over an authorization server.
    public init(
        clientId: String, clientSecret: String, scopes: [String], server: AuthorizationServer,
        renewBefore: Duration = .seconds(60)
    ) {
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.scopes = scopes
        self.server = server
        self.cache = CachingTokenProvider(renewBefore: renewBefore, clock: server.clock) {
            [clientId, clientSecret, scopes, server] in
            let forbidden = scopes.filter(Self.userScopes.contains)
            guard forbidden.isEmpty else {
                throw TokenRequestError.invalidConfiguration(
                    "a service app cannot ask for the user scopes \(forbidden.joined(separator: " "))")
            }
            return try await server.clientCredentialsToken(
                clientId: clientId, clientSecret: clientSecret, scopes: scopes
            )
            .accessToken
        }
    }

    /// The cached token while it is fresh (unless `forceRefresh`), else a new one from the token endpoint.
    public func accessToken(forceRefresh: Bool) async throws -> String {
        try await cache.accessToken(forceRefresh: forceRefresh)
    }

    /// The expiry of the cached token, if any.
    public var expiresAt: Date? { cache.expiresAt }

    /// The authority.
    public var authority: URL { server.authority }
}

extension ServiceTokenProvider: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The client id, scopes, authority and expiry: never the secret or the token.
    public var description: String {
        let expiry = expiresAt.map { "expires \($0.formatted(.iso8601))" } ?? "no token"
        return "ServiceTokenProvider(clientId: \(clientId), scopes: \(scopes.joined(separator: " ")), "
            + "authority: \(authority.absoluteString), \(expiry))"
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror without the secret or the token, so `dump` and debuggers do not show them.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "clientId": clientId, "clientSecret": "<redacted>", "scopes": scopes,
                "authority": authority, "expiresAt": expiresAt as Any,
            ], displayStyle: .class)
    }
}
