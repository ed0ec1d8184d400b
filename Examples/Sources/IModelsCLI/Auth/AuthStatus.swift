import Foundation

/// What `imodels auth status` prints: who is signed in (the client id, and whether as a service app or a user), in
/// which environment, until when, and where the login is kept; never a token.
public struct AuthStatus: Encodable, Sendable, Equatable {
    /// Whether a login is stored for the environment.
    public var signedIn: Bool
    /// The environment's name.
    public var environment: String
    /// The token file.
    public var file: String
    /// `service` or `interactive`.
    public var kind: String?
    /// The app's client id.
    public var clientId: String?
    /// The user an interactive login's token names (its e-mail, user name, name or subject claim, unverified).
    public var user: String?
    /// The scopes asked for.
    public var scopes: [String]?
    /// When the access token expires (ISO 8601).
    public var expiresAt: String?
    /// Whether it has expired.
    public var expired: Bool?
    /// Whether the tool can renew it by itself (a refresh token, or a service secret in `IMODELS_CLIENT_SECRET`).
    public var renewable: Bool?

    /// The status of `environment` in `store`; `secretAvailable` says whether `IMODELS_CLIENT_SECRET` is set.
    public init(store: TokenStore, environment: String, secretAvailable: Bool, now: Date = Date()) throws {
        self.environment = environment
        file = store.file(for: environment).path
        guard let login = try store.load(environment) else {
            signedIn = false
            return
        }
        signedIn = true
        kind = login.kind.rawValue
        clientId = login.clientId
        user = login.kind == .interactive ? TokenClaims.user(in: login.accessToken) : nil
        scopes = login.scopes
        expiresAt = login.expiresAt.formatted(.iso8601)
        expired = login.expires(within: .zero, at: now)
        renewable = login.kind == .service ? secretAvailable : login.refreshToken != nil
        remaining = login.expiresAt.timeIntervalSince(now)
    }

    private var remaining: TimeInterval = 0

    private enum CodingKeys: String, CodingKey {
        case signedIn, environment, file, kind, clientId, user, scopes, expiresAt, expired, renewable
    }

    /// The status in a few lines.
    public var text: String {
        guard signedIn, let clientId, let expiresAt else {
            return "Not signed in to \(environment) (no \(file)). Sign in with `imodels auth login`."
        }
        let who =
            kind == "service"
            ? "service app \(clientId)" : user.map { "\($0) (app \(clientId))" } ?? "a user of app \(clientId)"
        let minutes = Int((abs(remaining) / 60).rounded())
        let when = expired == true ? "expired \(minutes) min ago" : "expires in \(minutes) min"
        let renewal =
            renewable == true
            ? "renewed automatically"
            : kind == "service"
                ? "not renewable: set \(StoredLoginProvider.secretVariable) or sign in again" : "not renewable"
        return """
            Signed in to \(environment) as \(who).
              token: \(when) (\(expiresAt)), \(renewal)
              scopes: \((scopes ?? []).joined(separator: " "))
              stored in: \(file)
            """
    }
}
