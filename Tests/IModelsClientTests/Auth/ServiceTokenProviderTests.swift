import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

@Suite(.verifiesStubTransports) struct ServiceTokenProviderTests {
    @Test func discoversOnceAndSendsTheClientCredentialsForm() async throws {
        let clock = VirtualClock()
        let stub = FakeIMS.stub(tokens: ["token-1", "token-2"], expiresIn: 600)
        let provider = FakeIMS.provider(stub, clock: clock, scopes: ["itwin-platform", "imodels:read"])

        #expect(try await provider.accessToken(forceRefresh: false) == "token-1")
        #expect(try await provider.accessToken(forceRefresh: true) == "token-2")
        try stub.verify()

        let discovery = stub.requests.filter { FakeIMS.discoveryPath.matches($0.url) }
        #expect(discovery.count == 1)
        #expect(discovery.first?.url.absoluteString == "https://ims.example.test/.well-known/openid-configuration")
        let token = try #require(FakeIMS.tokenRequests(stub).first)
        #expect(token.url.absoluteString == "https://ims.example.test/connect/token")
        #expect(token.headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(FakeIMS.form(token) == ["grant_type": "client_credentials", "scope": "itwin-platform imodels:read"])
        let basic = Data("\(FakeIMS.clientId):\(FakeIMS.clientSecret)".utf8).base64EncodedString()
        #expect(token.headers["Authorization"] == "Basic \(basic)")
        #expect(!String(decoding: token.body ?? Data(), as: UTF8.self).contains(FakeIMS.clientSecret))
    }

    @Test func basicCredentialsAreFormEncodedFirst() async throws {
        let stub = StubTransport()
        FakeIMS.enqueueDiscovery(stub)
        FakeIMS.enqueueToken(stub, "token-1")
        let server = FakeIMS.server(stub, clock: VirtualClock())
        _ = try await server.clientCredentialsToken(clientId: "id:1", clientSecret: "s e/cr+t", scopes: [])
        let token = try #require(FakeIMS.tokenRequests(stub).first)
        #expect(token.headers["Authorization"] == "Basic " + Data("id%3A1:s+e%2Fcr%2Bt".utf8).base64EncodedString())
        #expect(FakeIMS.form(token) == ["grant_type": "client_credentials"])
    }

    @Test func cachesTheTokenUntilAMinuteBeforeExpiryThenRenews() async throws {
        let clock = VirtualClock()
        let stub = FakeIMS.stub(tokens: ["token-1", "token-2"], expiresIn: 3600)
        let provider = FakeIMS.provider(stub, clock: clock)

        #expect(try await provider.accessToken(forceRefresh: false) == "token-1")
        clock.advance(by: .seconds(3600 - 61))
        #expect(try await provider.accessToken(forceRefresh: false) == "token-1")
        #expect(FakeIMS.tokenRequests(stub).count == 1)
        clock.advance(by: .seconds(2))
        #expect(try await provider.accessToken(forceRefresh: false) == "token-2")
        #expect(FakeIMS.tokenRequests(stub).count == 2)
        #expect(provider.expiresAt == clock.now.addingTimeInterval(3600))
        try stub.verify()
    }

    @Test func oneHundredConcurrentCallersMakeOneTokenRequest() async throws {
        let clock = VirtualClock()
        let stub = StubTransport()
        FakeIMS.enqueueDiscovery(stub)
        stub.enqueue(.post, FakeIMS.tokenPath) { _ in
            try await clock.sleep(for: .seconds(1))
            return HTTPResponse(status: 200, body: Data(FakeIMS.token("shared-token").utf8))
        }
        let provider = FakeIMS.provider(stub, clock: clock)
        let tokens = try await clock.run {
            try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<100 { group.addTask { try await provider.accessToken(forceRefresh: false) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
        }
        #expect(tokens.count == 100)
        #expect(Set(tokens) == ["shared-token"])
        #expect(FakeIMS.tokenRequests(stub).count == 1)
        try stub.verify()
    }

    @Test func waitsOutRetryAfterOn429ThenSucceeds() async throws {
        let clock = VirtualClock()
        let stub = StubTransport()
        FakeIMS.enqueueDiscovery(stub)
        stub.enqueue(.post, FakeIMS.tokenPath, status: 429, headers: ["Retry-After": "7"], json: "{}")
        FakeIMS.enqueueToken(stub, "token-1")
        let provider = FakeIMS.provider(stub, clock: clock)
        let token = try await clock.run { try await provider.accessToken(forceRefresh: false) }
        #expect(token == "token-1")
        #expect(clock.recordedSleeps == [.seconds(7)])
        #expect(FakeIMS.tokenRequests(stub).map(\.attempt) == [1, 2])
        try stub.verify()
    }

    @Test func retriesServerErrorsAndLostConnectionsWithBackoff() async throws {
        let clock = VirtualClock()
        let stub = StubTransport()
        stub.enqueue(.get, FakeIMS.discoveryPath, status: 502, body: Data("Bad gateway".utf8))
        FakeIMS.enqueueDiscovery(stub)
        stub.enqueue(.post, FakeIMS.tokenPath, status: 500, json: "{}")
        stub.enqueue(.post, FakeIMS.tokenPath, failure: connectionLost)
        FakeIMS.enqueueToken(stub, "token-1")
        let provider = FakeIMS.provider(stub, clock: clock)
        let token = try await clock.run { try await provider.accessToken(forceRefresh: false) }
        #expect(token == "token-1")
        let sleeps = clock.recordedSleeps.map(\.seconds)
        #expect(sleeps.count == 3)
        // Backoff 0.5 s, then 1 s, each drawn from the upper half of the nominal delay.
        #expect(sleeps[0] >= 0.25 && sleeps[0] <= 0.5)
        #expect(sleeps[1] >= 0.25 && sleeps[1] <= 0.5)
        #expect(sleeps[2] >= 0.5 && sleeps[2] <= 1)
        try stub.verify()
    }

    @Test func givesUpWhenRetriesRunOut() async throws {
        let clock = VirtualClock()
        let stub = StubTransport()
        FakeIMS.enqueueDiscovery(stub)
        for _ in 0..<2 { stub.enqueue(.post, FakeIMS.tokenPath, status: 503, body: Data("<html>down</html>".utf8)) }
        let provider = FakeIMS.provider(stub, clock: clock, retryPolicy: RetryPolicy(maxAttempts: 2))
        let error = await FakeIMS.error {
            _ = try await clock.run { try await provider.accessToken(forceRefresh: false) }
        }
        guard case .unexpectedAnswer(let operation, let status, _, let body) = error as? TokenRequestError else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(operation == "requestClientCredentialsToken")
        #expect(status == 503)
        #expect(body == "<html>down</html>")
        try stub.verify()
    }

    @Test(arguments: ["invalid_client", "invalid_scope", "unauthorized_client", "invalid_grant"])
    func oauthErrorsAreTyped(code: String) async throws {
        let stub = StubTransport()
        FakeIMS.enqueueDiscovery(stub)
        stub.enqueue(
            .post, FakeIMS.tokenPath, status: 400,
            json: #"{"error":"\#(code)","error_description":"Refused for \#(FakeIMS.clientSecret)"}"#)
        let provider = FakeIMS.provider(stub, clock: VirtualClock())
        let error = await FakeIMS.error { _ = try await provider.accessToken(forceRefresh: false) }
        let oauth = try #require((error as? TokenRequestError)?.oauthError)
        #expect(oauth.code == OAuthErrorCode(rawValue: code))
        #expect(oauth.status == 400)
        #expect(oauth.message == "Refused for <redacted>")
        #expect(String(describing: error!).contains(code))
        #expect(FakeIMS.tokenRequests(stub).count == 1)  // an OAuth error is not retried
        try stub.verify()
    }

    @Test(arguments: ["http://ims.example.test", "ftp://ims.example.test", "file:///tmp/ims"])
    func refusesAnUntrustedAuthorityBeforeSending(authority: String) async throws {
        let stub = StubTransport()
        let provider = FakeIMS.provider(stub, clock: VirtualClock(), authority: URL(string: authority)!)
        let error = await FakeIMS.error { _ = try await provider.accessToken(forceRefresh: false) }
        guard case .invalidConfiguration(let reason) = error as? TokenRequestError else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(reason.contains("https"))
        #expect(stub.requests.isEmpty)
    }

    @Test func acceptsHTTPToLoopback() async throws {
        let stub = StubTransport()
        FakeIMS.enqueueDiscovery(stub, origin: "http://127.0.0.1:8123")
        FakeIMS.enqueueToken(stub, "token-1")
        let provider = FakeIMS.provider(
            stub, clock: VirtualClock(), authority: URL(string: "http://127.0.0.1:8123")!)
        #expect(try await provider.accessToken(forceRefresh: false) == "token-1")
        try stub.verify()
    }

    @Test func refusesATokenEndpointOnAnotherOrigin() async throws {
        let stub = StubTransport()
        FakeIMS.enqueueDiscovery(stub, origin: "https://evil.example.test")
        let provider = FakeIMS.provider(stub, clock: VirtualClock())
        let error = await FakeIMS.error { _ = try await provider.accessToken(forceRefresh: false) }
        guard case .untrustedEndpoint(let url) = error as? TokenRequestError else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(url.host == "evil.example.test")
        #expect(FakeIMS.tokenRequests(stub).isEmpty)
    }

    @Test func refusesUserScopesAndEmptySecretsBeforeSending() async throws {
        let stub = StubTransport()
        let withOpenID = FakeIMS.provider(stub, clock: VirtualClock(), scopes: ["itwin-platform", "openid"])
        let error = await FakeIMS.error { _ = try await withOpenID.accessToken(forceRefresh: false) }
        guard case .invalidConfiguration(let reason) = error as? TokenRequestError else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(reason.contains("openid"))
        let noSecret = ServiceTokenProvider(
            clientId: "id", clientSecret: "", scopes: ["itwin-platform"],
            server: FakeIMS.server(stub, clock: VirtualClock()))
        let secretError = await FakeIMS.error { _ = try await noSecret.accessToken(forceRefresh: false) }
        #expect(secretError is TokenRequestError)
        #expect(stub.requests.isEmpty)
    }

    @Test func neverShowsTheSecretOrTheToken() async throws {
        let clock = VirtualClock()
        let stub = StubTransport()
        FakeIMS.enqueueDiscovery(stub)
        FakeIMS.enqueueToken(stub, "TOKEN-VALUE-c0ffee")
        stub.enqueue(
            .post, FakeIMS.tokenPath, status: 401,
            json: #"{"error":"invalid_client","error_description":"bad secret \#(FakeIMS.clientSecret)"}"#)
        stub.enqueue(.post, FakeIMS.tokenPath, status: 418, body: Data("echo \(FakeIMS.clientSecret)".utf8))
        let provider = FakeIMS.provider(stub, clock: clock)
        _ = try await provider.accessToken(forceRefresh: false)
        let oauth = await FakeIMS.error { _ = try await provider.accessToken(forceRefresh: true) }
        let other = await FakeIMS.error { _ = try await provider.accessToken(forceRefresh: true) }
        let wrapped = ITwinClientError.tokenProviderFailed(operation: "getIModel", underlying: oauth!)
        let renderings = [
            FakeIMS.allRenderings(provider), FakeIMS.allRenderings(oauth!), FakeIMS.allRenderings(other!),
            FakeIMS.allRenderings(wrapped), wrapped.localizedDescription,
            FakeIMS.allRenderings(provider.server), FakeIMS.allRenderings(stub.requests),
        ]
        for text in renderings {
            #expect(!text.contains(FakeIMS.clientSecret))
            #expect(!text.contains("TOKEN-VALUE-c0ffee"))
            #expect(!text.contains(Data("\(FakeIMS.clientId):\(FakeIMS.clientSecret)".utf8).base64EncodedString()))
        }
        #expect(renderings[0].contains(FakeIMS.clientId))
        #expect(renderings[1].contains("invalid_client"))
        #expect(renderings[2].contains("<redacted>"))
    }
}
