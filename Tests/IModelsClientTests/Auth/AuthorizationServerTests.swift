import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

@Suite(.verifiesStubTransports) struct AuthorizationServerTests {
    static let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    static let redirect = URL(string: "http://localhost:3000/signin-callback")!

    private func request(scopes: [String] = ["itwin-platform"]) -> AuthorizationRequest {
        AuthorizationRequest(
            clientId: "native-client", redirectURI: Self.redirect, scopes: scopes, state: "st+ate/1",
            codeChallenge: Self.challenge)
    }

    @Test func authorizationURLCarriesEveryParameter() async throws {
        let stub = StubTransport()
        FakeIMS.enqueueDiscovery(stub)
        let server = FakeIMS.server(stub, clock: VirtualClock())
        let url = try await server.authorizationURL(for: request())
        let components = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false))
        #expect(components.scheme == "https" && components.host == "ims.example.test")
        #expect(components.path == "/connect/authorize")
        let fields = Dictionary(uniqueKeysWithValues: FormEncoding.decode(components.percentEncodedQuery ?? ""))
        #expect(
            fields == [
                "response_type": "code", "client_id": "native-client",
                "redirect_uri": "http://localhost:3000/signin-callback", "scope": "itwin-platform offline_access",
                "state": "st+ate/1", "code_challenge": Self.challenge, "code_challenge_method": "S256",
            ])
        #expect(components.percentEncodedQuery?.contains("state=st%2Bate%2F1") == true)
        _ = try await server.authorizationURL(for: request())
        #expect(stub.requests.count == 1)  // the discovery document is cached
        try stub.verify()
    }

    @Test func offlineAccessIsAddedOnce() {
        #expect(request(scopes: ["a", "offline_access"]).requestedScopes == ["a", "offline_access"])
        #expect(request(scopes: []).requestedScopes == ["offline_access"])
    }

    @Test(arguments: ["short", String(repeating: "a", count: 42) + "=", String(repeating: "a", count: 43) + "x"])
    func refusesAMalformedChallenge(challenge: String) {
        var request = request()
        request.codeChallenge = challenge
        #expect(throws: TokenRequestError.self) {
            try request.url(authorizationEndpoint: URL(string: "https://ims.example.test/connect/authorize")!)
        }
    }

    @Test func keepsTheEndpointsOwnQuery() throws {
        let url = try request().url(authorizationEndpoint: URL(string: "https://ims.example.test/authorize?tenant=x")!)
        #expect(url.query?.hasPrefix("tenant=x&response_type=code&") == true)
    }

    @Test func exchangesTheCodeAsAPublicClient() async throws {
        let stub = StubTransport()
        FakeIMS.enqueueDiscovery(stub)
        stub.enqueue(
            .post, FakeIMS.tokenPath,
            json: FakeIMS.token("access-1", refreshToken: "refresh-1", scope: "itwin-platform offline_access"))
        let server = FakeIMS.server(stub, clock: VirtualClock())
        let tokens = try await server.exchangeCode(
            "code-1", codeVerifier: "verifier-1", redirectURI: Self.redirect, clientId: "native-client")
        #expect(tokens.accessToken.value == "access-1")
        #expect(tokens.refreshToken == "refresh-1")
        #expect(tokens.scopes == ["itwin-platform", "offline_access"])
        let sent = try #require(FakeIMS.tokenRequests(stub).first)
        #expect(sent.headers["Authorization"] == nil)
        #expect(
            FakeIMS.form(sent) == [
                "grant_type": "authorization_code", "code": "code-1",
                "redirect_uri": "http://localhost:3000/signin-callback", "code_verifier": "verifier-1",
                "client_id": "native-client",
            ])
        try stub.verify()
    }

    @Test func refreshesWithTheRefreshToken() async throws {
        let stub = StubTransport()
        FakeIMS.enqueueDiscovery(stub)
        stub.enqueue(.post, FakeIMS.tokenPath, json: FakeIMS.token("access-2", refreshToken: "refresh-2"))
        let server = FakeIMS.server(stub, clock: VirtualClock())
        let tokens = try await server.refresh(refreshToken: "refresh-1", clientId: "native-client")
        #expect(tokens.refreshToken == "refresh-2")
        let sent = try #require(FakeIMS.tokenRequests(stub).first)
        #expect(
            FakeIMS.form(sent) == [
                "grant_type": "refresh_token", "refresh_token": "refresh-1", "client_id": "native-client",
            ])
        try stub.verify()
    }

    @Test func aLostRefreshIsNotResentButARefusedConnectionIs() async throws {
        let clock = VirtualClock()
        let stub = StubTransport()
        FakeIMS.enqueueDiscovery(stub)
        stub.enqueue(.post, FakeIMS.tokenPath, failure: connectionRefused)
        stub.enqueue(.post, FakeIMS.tokenPath, status: 500, json: "{}")
        let server = FakeIMS.server(stub, clock: clock)
        let error = await FakeIMS.error {
            _ = try await clock.run { try await server.refresh(refreshToken: "refresh-1", clientId: "native-client") }
        }
        guard case .unexpectedAnswer(_, let status, _, _) = error as? TokenRequestError else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(status == 500)
        #expect(FakeIMS.tokenRequests(stub).count == 2)  // the refused one was resent, the 500 was not
        #expect(!FakeIMS.allRenderings(error!).contains("refresh-1"))
        try stub.verify()
    }

    @Test func readsTheRedirect() throws {
        let url = URL(string: "http://localhost:3000/signin-callback?code=abc%2B1&state=st%2Bate%2F1")!
        #expect(try AuthorizationCallback.code(from: url, expectedState: "st+ate/1") == "abc+1")
    }

    @Test func refusesARedirectWithAnotherState() {
        let url = URL(string: "http://localhost:3000/signin-callback?code=abc&state=other")!
        #expect(throws: TokenRequestError.stateMismatch) {
            try AuthorizationCallback.code(from: url, expectedState: "st+ate/1")
        }
        let noState = URL(string: "http://localhost:3000/signin-callback?code=abc")!
        #expect(throws: TokenRequestError.stateMismatch) {
            try AuthorizationCallback.code(from: noState, expectedState: "s")
        }
    }

    @Test func reportsARedirectError() throws {
        let url = URL(
            string: "http://localhost:3000/cb?error=access_denied&error_description=User+declined&state=s")!
        let error = #expect(throws: TokenRequestError.self) {
            try AuthorizationCallback.code(from: url, expectedState: "s")
        }
        #expect(error?.oauthError?.code == .accessDenied)
        #expect(error?.oauthError?.message == "User declined")
    }

    @Test func environmentsHaveBentleyAuthorities() {
        #expect(ITwinEnvironment.production.authority.absoluteString == "https://ims.bentley.com")
        #expect(ITwinEnvironment.qa.authority.absoluteString == "https://qa-ims.bentley.com")
        #expect(ITwinEnvironment.dev.authority.absoluteString == "https://qa-ims.bentley.com")
        #expect(ITwinEnvironment.custom(URL(string: "http://127.0.0.1:1")!).authority.host == "ims.bentley.com")
    }
}
