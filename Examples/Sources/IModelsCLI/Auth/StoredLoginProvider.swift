import Foundation
import IModelsClient

/// The token of a stored login (`imodels auth login`), renewed when it is within ``refreshMargin`` (10 minutes) of
/// expiry, or when the SDK asks for a fresh one after a `401`:
///
/// - an interactive login with its refresh token (`grant_type=refresh_token`; a rotated refresh token replaces the
///   old one);
/// - a service login with the client secret from ``secretVariable`` when it is set (the secret is never stored);
///   without it, the stored token is used until it expires, and then ``LoginError/expired(environment:clientId:secretVariable:)``
///   says how to sign in again.
///
/// A renewed login is written back to the store. One renewal runs at a time, however many callers wait for it.
public actor StoredLoginProvider: AccessTokenProvider {
    /// How close to expiry a token is renewed: 10 minutes, as Bentley's `NodeCliAuthorizationClient` does.
    public static let refreshMargin = Duration.seconds(600)
    /// The environment variable a service app's secret is read from: `IMODELS_CLIENT_SECRET`.
    public static let secretVariable = "IMODELS_CLIENT_SECRET"

    /// The login's environment name.
    public nonisolated let environment: String
    /// The login's client id.
    public nonisolated let clientId: String
    /// Service or interactive.
    public nonisolated let kind: StoredLogin.Kind
    private var login: StoredLogin
    private let store: TokenStore
    private let transport: any HTTPTransport
    private let secret: String?
    private let now: @Sendable () -> Date
    private var renewal: Task<StoredLogin, any Error>?

    /// A provider of `login`'s token; renewals go through `transport` and are saved in `store`. `secret` renews a
    /// service login (from ``secretVariable``, when set).
    public init(
        login: StoredLogin, store: TokenStore, transport: any HTTPTransport = URLSessionTransport(),
        secret: String? = nil, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.login = login
        self.environment = login.environment
        self.clientId = login.clientId
        self.kind = login.kind
        self.store = store
        self.transport = transport
        self.secret = secret.flatMap { $0.isEmpty ? nil : $0 }
        self.now = now
    }

    /// The stored token while it has more than 10 minutes left (unless `forceRefresh`), else a renewed one.
    public func accessToken(forceRefresh: Bool) async throws -> String {
        if !forceRefresh && !login.expires(within: Self.refreshMargin, at: now()) { return login.accessToken }
        guard canRenew else {
            // Nothing to renew it with: use it while it lasts.
            if !forceRefresh && !login.expires(within: .zero, at: now()) { return login.accessToken }
            throw LoginError.expired(environment: environment, clientId: clientId, secretVariable: Self.secretVariable)
        }
        let task =
            renewal
            ?? Task { [login, store, transport, secret] in
                try await Self.renew(login, secret: secret, transport: transport, store: store)
            }
        renewal = task
        defer { renewal = nil }
        let renewed = try await task.value
        login = renewed
        return renewed.accessToken
    }

    /// The login as it stands (renewed or not).
    public var current: StoredLogin { login }

    private var canRenew: Bool {
        switch login.kind {
        case .service: return secret != nil
        case .interactive: return login.refreshToken != nil
        }
    }

    private static func renew(
        _ login: StoredLogin, secret: String?, transport: any HTTPTransport, store: TokenStore
    ) async throws -> StoredLogin {
        let server = AuthorizationServer(authority: login.authority, transport: transport)
        var renewed = login
        do {
            if login.kind == .service, let secret {
                let provider = ServiceTokenProvider(
                    clientId: login.clientId, clientSecret: secret, scopes: login.scopes, server: server)
                renewed.accessToken = try await provider.accessToken(forceRefresh: true)
                renewed.expiresAt = provider.expiresAt ?? Date()
            } else if let refreshToken = login.refreshToken {
                let response = try await server.refresh(refreshToken: refreshToken, clientId: login.clientId)
                renewed.accessToken = response.accessToken.value
                renewed.expiresAt = response.accessToken.expiresAt
                renewed.refreshToken = response.refreshToken ?? refreshToken
            }
        } catch let error as TokenRequestError {
            throw LoginError.renewalFailed(environment: login.environment, reason: error.description)
        }
        try store.save(renewed)
        return renewed
    }
}

extension StoredLoginProvider: CustomStringConvertible {
    /// `stored production login (service app <id>)`: never a token.
    public nonisolated var description: String {
        "stored \(environment) login (\(kind == .service ? "service app" : "interactive, app") \(clientId))"
    }
}
