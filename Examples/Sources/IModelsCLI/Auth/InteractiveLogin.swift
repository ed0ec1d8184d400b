import Foundation
import IModelsClient

/// `imodels auth login --client-id …` without a secret: a user signs in in the browser (authorization code with
/// PKCE `S256`, `state` checked), the redirect comes back to a ``LoopbackListener``, the code is exchanged for an
/// access token and a refresh token (`offline_access` is always asked for), and the login is stored.
public struct InteractiveLogin: Sendable {
    /// The redirect URI used when `--redirect-uri` is not given (Bentley's `NodeCliAuthorizationClient` default).
    public static let defaultRedirectURI = URL(string: "http://localhost:3000/signin-callback")!
    /// How long the tool waits for the browser: 5 minutes.
    public static let defaultTimeout = Duration.seconds(300)

    /// The registered Desktop/Mobile app's client id.
    public var clientId: String
    /// The scopes (the server adds `offline_access`).
    public var scopes: [String]
    /// The registered loopback redirect URI: `http://localhost:<port>/<path>` or `http://127.0.0.1:<port>/<path>`.
    public var redirectURI: URL
    /// The deployment.
    public var environment: ITwinEnvironment
    /// The authority, when not the environment's.
    public var authority: URL?
    /// How long to wait for the browser.
    public var timeout: Duration

    /// Creates a sign-in.
    public init(
        clientId: String, scopes: [String], redirectURI: URL = defaultRedirectURI,
        environment: ITwinEnvironment = .production, authority: URL? = nil, timeout: Duration = defaultTimeout
    ) {
        self.clientId = clientId
        self.scopes = scopes
        self.redirectURI = redirectURI
        self.environment = environment
        self.authority = authority
        self.timeout = timeout
    }

    /// Refuses a redirect URI that is not `http` to `localhost` or `127.0.0.1` with a port.
    public static func validate(_ redirectURI: URL) throws {
        guard redirectURI.scheme == "http", ["localhost", "127.0.0.1"].contains(redirectURI.host ?? ""),
            redirectURI.port != nil
        else {
            throw ToolError.usage(
                "--redirect-uri must be http://localhost:<port>/<path> (or 127.0.0.1), as registered for the app.")
        }
    }

    /// Signs in: listens, opens the URL with `openBrowser` (which returns whether it could) or prints it, waits for
    /// the redirect, exchanges the code and stores the login. Port 0 in the redirect URI (tests) takes any port.
    public func run(
        store: TokenStore, console: Console, transport: any HTTPTransport = URLSessionTransport(),
        openBrowser: @Sendable (URL) -> Bool
    ) async throws -> StoredLogin {
        try Self.validate(redirectURI)
        let listener = try await LoopbackListener.start(port: redirectURI.port ?? 0, path: redirectURI.path)
        defer { listener.close() }
        var components = URLComponents(url: redirectURI, resolvingAgainstBaseURL: false)!
        components.port = listener.port
        let redirect = components.url!
        let authority = authority ?? environment.authority
        let server = AuthorizationServer(authority: authority, transport: transport)
        let pkce = PKCE()
        let state = PKCE.randomToken()
        let request = AuthorizationRequest(
            clientId: clientId, redirectURI: redirect, scopes: scopes, state: state, codeChallenge: pkce.challenge)
        let response: TokenResponse
        do {
            let url = try await server.authorizationURL(for: request)
            console.err(
                openBrowser(url)
                    ? "Opened the browser to sign in. If it did not open, visit:\n  \(url.absoluteString)"
                    : "Open this URL in a browser to sign in:\n  \(url.absoluteString)")
            console.err("Waiting for the sign-in (at most \(timeout.components.seconds / 60) min; Ctrl-C to stop)…")
            let target = try await listener.waitForRedirect(timeout: timeout)
            let callback = URL(string: target, relativeTo: redirect)?.absoluteURL ?? redirect
            let code = try AuthorizationCallback.code(from: callback, expectedState: state)
            response = try await server.exchangeCode(
                code, codeVerifier: pkce.verifier, redirectURI: redirect, clientId: clientId)
        } catch let error as TokenRequestError {
            throw LoginError.signInFailed(reason: error.description)
        }
        let login = StoredLogin(
            accessToken: response.accessToken.value, expiresAt: response.accessToken.expiresAt,
            refreshToken: response.refreshToken, clientId: clientId, kind: .interactive,
            scopes: response.scopes ?? request.requestedScopes, environment: TokenStore.name(of: environment),
            authority: authority)
        try store.save(login)
        return login
    }
}
