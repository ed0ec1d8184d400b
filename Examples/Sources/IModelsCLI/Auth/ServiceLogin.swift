import Foundation
import IModelsClient

/// `imodels auth login --client-id … --client-secret-file …`: a service app's client-credentials token, through
/// the library's ``ServiceTokenProvider``, stored in the ``TokenStore``. The secret is used once and never written
/// anywhere.
public enum ServiceLogin {
    /// The scopes asked for when `--scopes` is not given: `itwin-platform` (an interactive sign-in also asks for
    /// `offline_access`, for a refresh token).
    public static let defaultScopes = ["itwin-platform"]

    /// The scopes of `--scopes "a b"`, or ``defaultScopes``.
    public static func scopes(_ option: String?) -> [String] {
        option.map { $0.split(separator: " ").map(String.init) } ?? defaultScopes
    }

    /// The secret: `--client-secret`, else the file of `--client-secret-file` (trimmed), else
    /// ``StoredLoginProvider/secretVariable``; `nil` when none is given (then the sign-in is interactive). Throws a
    /// usage error when both options are given, or the file is empty or unreadable.
    public static func secret(option: String?, file: String?, environment: [String: String]) throws -> String? {
        if option != nil && file != nil {
            throw ToolError.usage("Give the secret once: --client-secret or --client-secret-file, not both.")
        }
        if let option {
            guard !option.isEmpty else { throw ToolError.usage("--client-secret must not be empty.") }
            return option
        }
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ToolError.usage("--client-secret-file: cannot read \(file).")
            }
            let secret = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !secret.isEmpty else { throw ToolError.usage("--client-secret-file: \(file) is empty.") }
            return secret
        }
        if let value = environment[StoredLoginProvider.secretVariable], !value.isEmpty { return value }
        return nil
    }

    /// `imodels auth login` for a service app: signs in, stores the login, and says so on `console` (the client and
    /// the expiry; never the secret or the token).
    public static func run(
        clientId: String, secret: String, scopes: [String], environment: ITwinEnvironment, store: TokenStore,
        console: Console, authority: URL? = nil, transport: any HTTPTransport = URLSessionTransport()
    ) async throws {
        let login = try await login(
            clientId: clientId, secret: secret, scopes: scopes, environment: environment, store: store,
            authority: authority, transport: transport)
        console.out(
            "Signed in to \(login.environment) as service app \(login.clientId) (token expires "
                + "\(login.expiresAt.formatted(.iso8601)), stored in \(store.file(for: login.environment).path)).")
    }

    /// Asks the environment's authority (or `authority`) for a token and stores it; returns the stored login.
    public static func login(
        clientId: String, secret: String, scopes: [String], environment: ITwinEnvironment, store: TokenStore,
        authority: URL? = nil, transport: any HTTPTransport = URLSessionTransport()
    ) async throws -> StoredLogin {
        let authority = authority ?? environment.authority
        let provider = ServiceTokenProvider(
            clientId: clientId, clientSecret: secret, scopes: scopes,
            server: AuthorizationServer(authority: authority, transport: transport))
        let token: String
        do {
            token = try await provider.accessToken(forceRefresh: false)
        } catch let error as TokenRequestError {
            throw LoginError.signInFailed(reason: error.description)
        }
        let login = StoredLogin(
            accessToken: token, expiresAt: provider.expiresAt ?? Date(), clientId: clientId, kind: .service,
            scopes: scopes, environment: TokenStore.name(of: environment), authority: authority)
        try store.save(login)
        return login
    }
}
