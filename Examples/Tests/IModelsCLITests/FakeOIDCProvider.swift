import Crypto
import Foundation
import IModelsCLI
import IModelsClient

/// A fake OpenID provider behind an ``HTTPTransport`` (nothing goes on the network): the discovery document, and
/// `/connect/token` for `client_credentials` (checks the Basic credentials) and `refresh_token` (checks the refresh
/// token and rotates it). Wrong credentials get an `invalid_client` / `invalid_grant` answer that echoes nothing
/// secret. Every token it issues is unique, so tests can grep output for them.
final class FakeOIDCProvider: HTTPTransport {
    static let authority = URL(string: "http://127.0.0.1:9")!

    let clientId: String
    let secret: String
    /// How long issued tokens last, in seconds.
    let expiresIn: Int
    /// How many token requests, from the first, are answered `429` with `Retry-After: 1` instead.
    let throttleFirst: Int
    private struct State {
        var issued: [String] = []
        var refreshToken: String
        var tokenRequests = 0
        var grants: [String] = []
        var codes: [String: (challenge: String, redirectURI: String)] = [:]
        var throttled = 0
    }
    private let state: Protected<State>

    init(
        clientId: String = "svc-app", secret: String = "s3cr3t-VALUE-42", refreshToken: String = "refresh-1",
        expiresIn: Int = 3600, throttleFirst: Int = 0
    ) {
        self.throttleFirst = throttleFirst
        self.clientId = clientId
        self.secret = secret
        self.expiresIn = expiresIn
        state = Protected(State(refreshToken: refreshToken))
    }

    /// The access tokens issued so far.
    var issued: [String] { state.withLock { $0.issued } }
    /// The refresh token it accepts now.
    var refreshToken: String { state.withLock { $0.refreshToken } }
    /// How many token requests came in.
    var tokenRequests: Int { state.withLock { $0.tokenRequests } }
    /// The `grant_type` of each token request.
    var grants: [String] { state.withLock { $0.grants } }

    /// What `/connect/authorize` would do once the user signed in: a single-use code bound to the PKCE challenge
    /// and the redirect URI of the authorization URL.
    func authorize(_ url: URL) -> (code: String, state: String, redirectURI: String)? {
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        func value(_ name: String) -> String? { items.first { $0.name == name }?.value }
        guard url.path == "/connect/authorize", value("response_type") == "code",
            value("code_challenge_method") == "S256", let challenge = value("code_challenge"),
            let redirectURI = value("redirect_uri"), let sentState = value("state")
        else { return nil }
        let code = "code-\(UUID().uuidString)"
        state.withLock { $0.codes[code] = (challenge, redirectURI) }
        return (code, sentState, redirectURI)
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        switch (request.method, request.url.path) {
        case (.get, "/.well-known/openid-configuration"):
            return Self.json(
                200,
                [
                    "issuer": Self.authority.absoluteString,
                    "token_endpoint": Self.authority.absoluteString + "/connect/token",
                    "authorization_endpoint": Self.authority.absoluteString + "/connect/authorize",
                ])
        case (.post, "/connect/token"):
            return token(request)
        default:
            return HTTPResponse(status: 404)
        }
    }

    private func token(_ request: HTTPRequest) -> HTTPResponse {
        let form = Self.form(request.body ?? Data())
        let grant = form["grant_type"] ?? ""
        let throttled = state.withLock { state -> Bool in
            state.tokenRequests += 1
            state.grants.append(grant)
            guard state.throttled < throttleFirst else { return false }
            state.throttled += 1
            return true
        }
        if throttled {
            var answer = Self.json(429, ["error": "too_many_requests"])
            answer.headers["Retry-After"] = "1"
            return answer
        }
        switch grant {
        case "client_credentials":
            let expected = "Basic " + Data("\(clientId):\(secret)".utf8).base64EncodedString()
            guard request.headers["Authorization"] == expected else {
                return Self.json(400, ["error": "invalid_client", "error_description": "Client authentication failed"])
            }
            return issue(refresh: false)
        case "authorization_code":
            let code = form["code"] ?? ""
            let issued = state.withLock { $0.codes.removeValue(forKey: code) }
            let verifier = Data((form["code_verifier"] ?? "").utf8)
            let computed = Data(SHA256.hash(data: verifier)).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            guard let issued, issued.challenge == computed, issued.redirectURI == form["redirect_uri"],
                form["client_id"] == clientId
            else {
                return Self.json(400, ["error": "invalid_grant", "error_description": "PKCE verification failed"])
            }
            return issue(refresh: true)
        case "refresh_token":
            guard form["refresh_token"] == refreshToken, form["client_id"] == clientId else {
                return Self.json(400, ["error": "invalid_grant", "error_description": "The refresh token is invalid"])
            }
            return issue(refresh: true)
        default:
            return Self.json(400, ["error": "unsupported_grant_type"])
        }
    }

    private func issue(refresh: Bool) -> HTTPResponse {
        let (token, rotated) = state.withLock { state -> (String, String) in
            let token = "access-\(UUID().uuidString)"
            state.issued.append(token)
            if refresh { state.refreshToken = "refresh-\(UUID().uuidString)" }
            return (token, state.refreshToken)
        }
        var body: [String: Any] = ["access_token": token, "token_type": "Bearer", "expires_in": expiresIn]
        if refresh { body["refresh_token"] = rotated }
        return Self.json(200, body)
    }

    private static func json(_ status: Int, _ object: [String: Any]) -> HTTPResponse {
        let body = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: body)
    }

    private static func form(_ body: Data) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        return fields
    }
}

/// A temporary token store, deleted by the caller.
func temporaryStore() throws -> TokenStore {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("imodels-auth-\(UUID().uuidString)")
    return TokenStore(directory: directory.appendingPathComponent("imodels"))
}

/// Removes a temporary store's parent folder.
func remove(_ store: TokenStore) {
    try? FileManager.default.removeItem(at: store.directory.deletingLastPathComponent())
}
