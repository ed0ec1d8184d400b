import Foundation
import IModelsTesting
import Testing

@testable import IModelsClient

/// Canned answers of an IMS-like OpenID provider on a `StubTransport`, and helpers to read what was sent.
enum FakeIMS {
    static let authority = URL(string: "https://ims.example.test")!
    static let clientId = "service-client-1"
    static let clientSecret = "CLIENT-SECRET-b71e4d"
    static let discoveryPath: PathPattern = "/.well-known/openid-configuration"
    static let tokenPath: PathPattern = "/connect/token"

    /// A discovery document whose endpoints are on `origin`.
    static func discovery(origin: String = "https://ims.example.test") -> String {
        #"{"issuer":"\#(origin)","authorization_endpoint":"\#(origin)/connect/authorize","#
            + #""token_endpoint":"\#(origin)/connect/token","end_session_endpoint":"\#(origin)/connect/endsession","#
            + #""scopes_supported":["itwin-platform","offline_access"]}"#
    }

    /// A token answer.
    static func token(_ value: String, expiresIn: Int = 3600, refreshToken: String? = nil, scope: String? = nil)
        -> String
    {
        var json = #"{"access_token":"\#(value)","token_type":"Bearer","expires_in":\#(expiresIn)"#
        if let refreshToken { json += #","refresh_token":"\#(refreshToken)""# }
        if let scope { json += #","scope":"\#(scope)""# }
        return json + "}"
    }

    static func enqueueDiscovery(_ stub: StubTransport, origin: String = "https://ims.example.test") {
        stub.enqueue(.get, discoveryPath, json: discovery(origin: origin))
    }

    /// A stub that serves the discovery document, then the given tokens in order.
    static func stub(tokens: [String], expiresIn: Int = 3600) -> StubTransport {
        let stub = StubTransport()
        enqueueDiscovery(stub)
        for token in tokens { enqueueToken(stub, token, expiresIn: expiresIn) }
        return stub
    }

    static func enqueueToken(_ stub: StubTransport, _ value: String, expiresIn: Int = 3600) {
        stub.enqueue(.post, tokenPath, json: token(value, expiresIn: expiresIn))
    }

    /// A provider over the stub and clock, with a seeded jitter.
    static func provider(
        _ stub: StubTransport, clock: VirtualClock, scopes: [String] = ["itwin-platform"],
        authority: URL = FakeIMS.authority, retryPolicy: RetryPolicy = .default
    ) -> ServiceTokenProvider {
        ServiceTokenProvider(
            clientId: clientId, clientSecret: clientSecret, scopes: scopes,
            server: server(stub, clock: clock, authority: authority, retryPolicy: retryPolicy))
    }

    static func server(
        _ stub: StubTransport, clock: VirtualClock, authority: URL = FakeIMS.authority,
        retryPolicy: RetryPolicy = .default
    ) -> AuthorizationServer {
        AuthorizationServer(
            authority: authority, transport: stub, clock: clock, retryPolicy: retryPolicy,
            requestTimeout: .seconds(30), jitterSeed: 7)
    }

    /// The form fields of a request's body, decoded.
    static func form(_ request: HTTPRequest) -> [String: String] {
        let text = String(decoding: request.body ?? Data(), as: UTF8.self)
        return Dictionary(FormEncoding.decode(text), uniquingKeysWith: { first, _ in first })
    }

    /// The token requests the stub received.
    static func tokenRequests(_ stub: StubTransport) -> [HTTPRequest] {
        stub.requests.filter { tokenPath.matches($0.url) }
    }

    /// The error `body` throws, or a test failure.
    static func error(_ body: () async throws -> Void) async -> (any Error)? {
        do {
            try await body()
            Issue.record("no error was thrown")
            return nil
        } catch {
            return error
        }
    }

    /// Every string a test can get out of a value: descriptions, debug descriptions and `dump`.
    static func allRenderings(_ value: Any) -> String {
        var dumped = ""
        dump(value, to: &dumped)
        return String(describing: value) + "\n" + String(reflecting: value) + "\n" + dumped
    }
}
