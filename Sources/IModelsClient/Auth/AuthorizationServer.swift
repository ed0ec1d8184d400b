import Foundation

/// An OpenID provider (Bentley IMS by default): discovery and the token requests of the client-credentials,
/// authorization-code (PKCE) and refresh-token grants, through an ``HTTPTransport``, with retries.
///
/// - The authority must be `https`, or `http` to a loopback host (for tests); anything else is refused with
///   ``TokenRequestError/invalidConfiguration(_:)`` before a request is sent.
/// - Discovery reads `{authority}/.well-known/openid-configuration` once; a successful answer is cached for the
///   life of the object, a failure is not.
/// - The token and authorization endpoints it names must be on the authority's origin (scheme, host and port, as
///   IMS's are); otherwise ``TokenRequestError/untrustedEndpoint(_:)`` and no credential is sent.
/// - Token requests are `POST`s of `application/x-www-form-urlencoded` bodies. A client secret goes in an HTTP Basic
///   `Authorization` header (`client_secret_basic`, the id and secret form-encoded first, RFC 6749 §2.3.1, as
///   Bentley's `ServiceAuthorizationClient` sends them), so it is never in a body or a URL; a public client (no
///   secret) sends `client_id` in the body.
/// - `429`, and `503` with `Retry-After`, are retried after the wait asked for; other `5xx`, timeouts and lost
///   connections with jittered backoff, by ``RetryPolicy``. Discovery and client-credentials requests are always
///   safe to resend. A code or refresh-token exchange is resent only when the server certainly did not act on it
///   (`ServerMayHaveActed`): a code is single-use, and a refresh token may be rotated by the first request.
///
/// Errors are ``TokenRequestError`` (or `CancellationError`). Nothing it throws, logs or prints holds the secret or a
/// token.
public final class AuthorizationServer: Sendable {
    /// The authority (issuer) URL, for example `https://ims.bentley.com`.
    public let authority: URL
    let transport: any HTTPTransport
    let clock: any ITwinClock
    let retryPolicy: RetryPolicy
    let requestTimeout: Duration?
    let jitter: JitterSource
    private let discovered = Locked<OpenIDConfiguration?>(nil)

    /// Creates the server's client.
    ///
    /// - Parameters:
    ///   - authority: The OpenID provider; ``ITwinEnvironment/authority`` gives Bentley's for each deployment.
    ///   - transport: Sends the requests (``URLSessionTransport`` by default).
    ///   - clock: The time source for token expiry and retry waits (``SystemClock`` by default).
    ///   - retryPolicy: What is retried and how long to wait (``RetryPolicy/default``).
    ///   - requestTimeout: How long one attempt may take.
    public convenience init(
        authority: URL = ITwinEnvironment.production.authority,
        transport: any HTTPTransport = URLSessionTransport(),
        clock: any ITwinClock = SystemClock(),
        retryPolicy: RetryPolicy = .default,
        requestTimeout: Duration? = .seconds(30)
    ) {
        self.init(
            authority: authority, transport: transport, clock: clock, retryPolicy: retryPolicy,
            requestTimeout: requestTimeout, jitterSeed: nil)
    }

    init(
        authority: URL, transport: any HTTPTransport, clock: any ITwinClock, retryPolicy: RetryPolicy,
        requestTimeout: Duration?, jitterSeed: UInt64?
    ) {
        self.authority = authority
        self.transport = transport
        self.clock = clock
        self.retryPolicy = retryPolicy
        self.requestTimeout = requestTimeout
        self.jitter = JitterSource(seed: jitterSeed)
    }

    /// The discovery document, fetched on first use and then cached.
    public func configuration() async throws -> OpenIDConfiguration {
        if let cached = discovered.withLock({ $0 }) { return cached }
        let origin = try authorityOrigin()
        var url = authority
        if url.path.hasSuffix("/") { url.deleteLastPathComponent() }
        url.appendPathComponent(".well-known")
        url.appendPathComponent("openid-configuration")
        let request = HTTPRequest(
            method: .get, url: url, headers: ["Accept": "application/json"], timeout: requestTimeout,
            operation: "discoverOpenIDConfiguration")
        let (response, _) = try await send(request, resendIsSafe: true, redaction: Redaction(tokens: []))
        guard response.isSuccess else { throw failure(of: request, response, redaction: Redaction(tokens: [])) }
        let configuration = try OpenIDConfiguration.parse(response.body, status: response.status)
        for endpoint in [configuration.tokenEndpoint, configuration.authorizationEndpoint].compactMap({ $0 })
        where Origin(endpoint) != origin {
            throw TokenRequestError.untrustedEndpoint(endpoint)
        }
        discovered.withLock { $0 = configuration }
        return configuration
    }

    /// The URL that starts a browser sign-in (``AuthorizationRequest/url(authorizationEndpoint:)`` with the
    /// discovered `authorization_endpoint`).
    public func authorizationURL(for request: AuthorizationRequest) async throws -> URL {
        guard let endpoint = try await configuration().authorizationEndpoint else {
            throw TokenRequestError.invalidConfiguration("the discovery document names no authorization_endpoint")
        }
        return try request.url(authorizationEndpoint: endpoint)
    }

    /// A token for the application itself (`grant_type=client_credentials`), the flow of service apps.
    public func clientCredentialsToken(clientId: String, clientSecret: String, scopes: [String]) async throws
        -> TokenResponse
    {
        guard !clientSecret.isEmpty else { throw TokenRequestError.invalidConfiguration("the client secret is empty") }
        var fields = [("grant_type", "client_credentials")]
        if !scopes.isEmpty { fields.append(("scope", scopes.joined(separator: " "))) }
        return try await requestToken(
            fields, clientId: clientId, clientSecret: clientSecret, resendIsSafe: true,
            operation: "requestClientCredentialsToken")
    }

    /// Exchanges the code of an authorization redirect for tokens (`grant_type=authorization_code`), with the PKCE
    /// verifier whose challenge the sign-in sent and the same redirect URI.
    public func exchangeCode(
        _ code: String, codeVerifier: String, redirectURI: URL, clientId: String, clientSecret: String? = nil
    ) async throws -> TokenResponse {
        guard !code.isEmpty else { throw TokenRequestError.invalidConfiguration("the authorization code is empty") }
        guard !codeVerifier.isEmpty else { throw TokenRequestError.invalidConfiguration("the code verifier is empty") }
        return try await requestToken(
            [
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI.absoluteString),
                ("code_verifier", codeVerifier),
            ], clientId: clientId, clientSecret: clientSecret, resendIsSafe: false,
            operation: "exchangeAuthorizationCode")
    }

    /// New tokens for a refresh token (`grant_type=refresh_token`). The answer may carry a new refresh token: keep
    /// it in place of the old one (``TokenResponse/refreshToken``). `scopes` narrows the grant; `nil` keeps it.
    public func refresh(
        refreshToken: String, clientId: String, clientSecret: String? = nil, scopes: [String]? = nil
    ) async throws -> TokenResponse {
        guard !refreshToken.isEmpty else { throw TokenRequestError.invalidConfiguration("the refresh token is empty") }
        var fields = [("grant_type", "refresh_token"), ("refresh_token", refreshToken)]
        if let scopes, !scopes.isEmpty { fields.append(("scope", scopes.joined(separator: " "))) }
        return try await requestToken(
            fields, clientId: clientId, clientSecret: clientSecret, resendIsSafe: false, operation: "refreshToken",
            alsoRedacting: [refreshToken])
    }

    /// The authority's origin, or ``TokenRequestError/invalidConfiguration(_:)`` when it is neither `https` nor
    /// `http` to a loopback host.
    func authorityOrigin() throws -> Origin {
        guard let origin = Origin(authority),
            origin.scheme == "https" || LinkPolicy.isLoopback(origin.host)
        else {
            throw TokenRequestError.invalidConfiguration(
                "the authority \(authority.absoluteString) must be an https URL (http only to a loopback host)")
        }
        return origin
    }
}

extension AuthorizationServer: CustomStringConvertible {
    /// `AuthorizationServer(<authority>)`.
    public var description: String { "AuthorizationServer(\(authority.absoluteString))" }
}
