import Foundation

/// The sign-in request of the authorization-code flow with PKCE (RFC 7636, method `S256`): what goes in the URL a
/// browser (or `ASWebAuthenticationSession`) opens.
///
/// The library computes no hash: make a random `code_verifier` (43 to 128 characters), compute
/// `code_challenge = BASE64URL(SHA256(code_verifier))` without padding (for example with CryptoKit or
/// swift-crypto), and keep the verifier for ``AuthorizationServer/exchangeCode(_:codeVerifier:redirectURI:clientId:clientSecret:)``.
/// Make `state` random as well, and check the redirect with ``AuthorizationCallback/code(from:expectedState:)``.
///
/// ```swift
/// let request = AuthorizationRequest(
///     clientId: "native-abc", redirectURI: URL(string: "myapp://signin-callback")!,
///     scopes: ["itwin-platform"], state: state, codeChallenge: challenge)
/// let url = try await AuthorizationServer(authority: ITwinEnvironment.production.authority)
///     .authorizationURL(for: request)
/// ```
public struct AuthorizationRequest: Sendable, Hashable {
    /// The client id of a registered Desktop/Mobile (native) or single-page application.
    public var clientId: String
    /// The redirect URI registered for the application (for a command-line tool, a loopback `http` URL).
    public var redirectURI: URL
    /// The scopes to ask for; ``requestedScopes`` adds `offline_access` so that a refresh token comes back.
    public var scopes: [String]
    /// An unguessable value the redirect must carry back unchanged.
    public var state: String
    /// `BASE64URL(SHA256(code_verifier))`, 43 characters without padding.
    public var codeChallenge: String

    /// Creates a request.
    public init(clientId: String, redirectURI: URL, scopes: [String], state: String, codeChallenge: String) {
        self.clientId = clientId
        self.redirectURI = redirectURI
        self.scopes = scopes
        self.state = state
        self.codeChallenge = codeChallenge
    }

    /// The scopes sent: ``scopes`` with `offline_access` added when it is missing.
    public var requestedScopes: [String] {
        scopes.contains("offline_access") ? scopes : scopes + ["offline_access"]
    }

    /// The URL to open: `authorizationEndpoint` with `response_type=code`, `client_id`, `redirect_uri`, `scope`,
    /// `state`, `code_challenge` and `code_challenge_method=S256` added to its query.
    ///
    /// Throws ``TokenRequestError/invalidConfiguration(_:)`` for an empty client id or state, or a challenge that is
    /// not 43 base64url characters (a verifier or a padded value passed by mistake).
    public func url(authorizationEndpoint: URL) throws -> URL {
        guard !clientId.isEmpty else { throw TokenRequestError.invalidConfiguration("the client id is empty") }
        guard !state.isEmpty else { throw TokenRequestError.invalidConfiguration("the state is empty") }
        let base64URL = codeChallenge.utf8.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-")
                || $0 == UInt8(ascii: "_")
        }
        guard codeChallenge.utf8.count == 43, base64URL else {
            throw TokenRequestError.invalidConfiguration(
                "the code challenge must be BASE64URL(SHA256(verifier)): 43 characters of A-Z a-z 0-9 - _, no padding")
        }
        let query = FormEncoding.encode([
            ("response_type", "code"), ("client_id", clientId), ("redirect_uri", redirectURI.absoluteString),
            ("scope", requestedScopes.joined(separator: " ")), ("state", state), ("code_challenge", codeChallenge),
            ("code_challenge_method", "S256"),
        ])
        guard var components = URLComponents(url: authorizationEndpoint, resolvingAgainstBaseURL: true) else {
            throw TokenRequestError.invalidConfiguration("the authorization endpoint is not a URL")
        }
        let existing = components.percentEncodedQuery.flatMap { $0.isEmpty ? nil : $0 }
        components.percentEncodedQuery = existing.map { "\($0)&\(query)" } ?? query
        guard let url = components.url else {
            throw TokenRequestError.invalidConfiguration("the authorization URL could not be built")
        }
        return url
    }
}
