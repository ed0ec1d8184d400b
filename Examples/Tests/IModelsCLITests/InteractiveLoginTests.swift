import Foundation
import IModelsCLI
import IModelsClient
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The browser sign-in end to end through the real loopback listener; the test plays the browser: it takes the
/// authorization URL the tool would open, has the fake provider issue a code for it, and follows the redirect.
@Suite("auth login in the browser (PKCE, loopback redirect)")
struct InteractiveLoginTests {
    static let redirect = URL(string: "http://127.0.0.1:0/signin-callback")!

    /// Runs the sign-in; `browser` gets the authorization URL and plays the browser.
    static func signIn(
        _ oidc: FakeOIDCProvider, _ store: TokenStore, timeout: Duration = .seconds(60),
        browser: @escaping @Sendable (URL) async throws -> Void
    ) async throws -> StoredLogin {
        let opened = AsyncStream.makeStream(of: URL.self)
        let (console, _) = recordingConsole(terminal: false)
        async let login = InteractiveLogin(
            clientId: "native-app", scopes: ["itwin-platform"], redirectURI: redirect,
            authority: FakeOIDCProvider.authority, timeout: timeout
        )
        .run(store: store, console: console, transport: oidc) { url in
            opened.continuation.yield(url)
            return false
        }
        for await url in opened.stream {
            try await browser(url)
            break
        }
        return try await login
    }

    /// `GET url` on the loopback listener: the status and the body.
    static func get(_ url: URL) async throws -> (Int, String) {
        let (data, response) = try await URLSession(configuration: .ephemeral).data(from: url)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    static func callback(_ redirectURI: String, code: String, state: String) -> URL {
        var components = URLComponents(string: redirectURI)!
        components.queryItems = [URLQueryItem(name: "code", value: code), URLQueryItem(name: "state", value: state)]
        return components.url!
    }

    @Test("the sign-in stores an interactive login with its refresh token; the provider checked the PKCE verifier")
    func endToEnd() async throws {
        let store = try temporaryStore()
        defer { remove(store) }
        let oidc = FakeOIDCProvider(clientId: "native-app")
        let login = try await Self.signIn(oidc, store) { url in
            let sent = try #require(oidc.authorize(url))
            let (status, body) = try await Self.get(Self.callback(sent.redirectURI, code: sent.code, state: sent.state))
            #expect(status == 200 && body.contains("Signed in"), "\(status) \(body)")
            let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
            #expect(items.contains { $0.name == "scope" && ($0.value ?? "").contains("offline_access") })
        }
        #expect(oidc.grants == ["authorization_code"])
        #expect(login.kind == .interactive && login.clientId == "native-app")
        #expect(login.accessToken == oidc.issued.first && login.refreshToken == oidc.refreshToken)
        #expect(try store.load("production") == login)
    }

    @Test("a redirect with another state is refused, and its code is never exchanged")
    func wrongState() async throws {
        let store = try temporaryStore()
        defer { remove(store) }
        let oidc = FakeOIDCProvider(clientId: "native-app")
        let error = try await #require(throws: LoginError.self) {
            try await Self.signIn(oidc, store) { url in
                let sent = try #require(oidc.authorize(url))
                _ = try await Self.get(Self.callback(sent.redirectURI, code: sent.code, state: "forged"))
            }
        }
        #expect(error.description.contains("state"))
        #expect(CLIExitCode(for: error) == .auth)
        #expect(oidc.tokenRequests == 0)
        #expect(try store.load("production") == nil)
    }

    @Test("a code bound to another PKCE challenge is refused by the provider (wrong verifier)")
    func wrongVerifier() async throws {
        let store = try temporaryStore()
        defer { remove(store) }
        let oidc = FakeOIDCProvider(clientId: "native-app")
        let error = try await #require(throws: LoginError.self) {
            try await Self.signIn(oidc, store) { url in
                var components = URLComponents(url: url, resolvingAgainstBaseURL: false)!
                components.queryItems = components.queryItems?.map {
                    $0.name == "code_challenge" ? URLQueryItem(name: $0.name, value: PKCE().challenge) : $0
                }
                let sent = try #require(oidc.authorize(components.url!))
                _ = try await Self.get(Self.callback(sent.redirectURI, code: sent.code, state: sent.state))
            }
        }
        #expect(error.description.contains("invalid_grant"))
        #expect(try store.load("production") == nil)
    }

    @Test("no redirect before the timeout ends the sign-in with a clear message")
    func timesOut() async throws {
        let store = try temporaryStore()
        defer { remove(store) }
        let error = try await #require(throws: LoginError.self) {
            try await Self.signIn(FakeOIDCProvider(clientId: "native-app"), store, timeout: .milliseconds(100)) { _ in }
        }
        #expect(error == .signInTimedOut(after: .milliseconds(100)))
        #expect(CLIExitCode(for: error) == .auth)
    }

    @Test("PKCE S256 matches RFC 7636's example, and verifiers are 43 random characters")
    func pkce() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        #expect(PKCE.challenge(for: verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        let (one, two) = (PKCE(), PKCE())
        #expect(one.verifier.count == 43 && one.verifier != two.verifier)
    }

    @Test("a redirect URI that is not http to localhost or 127.0.0.1 with a port is a usage error")
    func redirectURIs() throws {
        try InteractiveLogin.validate(URL(string: "http://localhost:3000/signin-callback")!)
        for bad in ["https://localhost:3000/cb", "http://example.com:3000/cb", "http://localhost/cb"] {
            #expect(throws: ToolError.self) { try InteractiveLogin.validate(URL(string: bad)!) }
        }
    }
}
