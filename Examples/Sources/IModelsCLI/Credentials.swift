import Foundation
import IModelsClient

/// Where the access token comes from: `--token-command`, `ITWIN_ACCESS_TOKEN`, the login stored by `imodels auth
/// login`, or nowhere, and then the tool runs against the built-in simulator.
public enum Credentials: Sendable {
    /// The name of the environment variable that holds a token.
    public static let environmentVariable = "ITWIN_ACCESS_TOKEN"

    /// No token: use the simulator.
    case simulator
    /// A token from the environment.
    case token(String)
    /// A token from a command (read once already, so a failing command stops the tool before anything is sent).
    case command(TokenCommand)
    /// The stored login of the environment (its token read once already, and renewed if it was about to expire).
    case stored(StoredLoginProvider)

    /// Resolves the credentials: `--simulator` wins, then `--token-command` (run once now; a blank one is a usage
    /// error), then an `ITWIN_ACCESS_TOKEN` that holds a token (not blank, nor a lone `Bearer `), then the login of
    /// `iTwinEnvironment` in `store` (none is read when `store` is `nil`; a refused file or an expired login that
    /// cannot be renewed throws ``LoginError``); otherwise the simulator.
    public static func resolve(
        tokenCommand: String?, forceSimulator: Bool,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        tokenTimeout: Duration = TokenCommand.defaultTimeout,
        store: TokenStore? = nil, iTwinEnvironment: ITwinEnvironment = .production,
        transport: any HTTPTransport = URLSessionTransport()
    ) async throws -> Credentials {
        if let tokenCommand { try TokenCommand.validate(tokenCommand) }
        if forceSimulator { return .simulator }
        if let tokenCommand {
            let provider = TokenCommand(tokenCommand, timeout: tokenTimeout)
            _ = try await provider.accessToken(forceRefresh: false)
            return .command(provider)
        }
        if let value = environment[environmentVariable] {
            let token = TokenCommand.token(fromOutput: value)
            if !token.isEmpty { return .token(token) }
        }
        if let store, let login = try store.load(TokenStore.name(of: iTwinEnvironment)) {
            let provider = StoredLoginProvider(
                login: login, store: store, transport: transport,
                secret: login.kind == .service ? environment[StoredLoginProvider.secretVariable] : nil)
            _ = try await provider.accessToken(forceRefresh: false)
            return .stored(provider)
        }
        return .simulator
    }

    /// The provider to give the client, or `nil` for the simulator.
    public var tokenProvider: (any AccessTokenProvider)? {
        switch self {
        case .simulator: return nil
        case .token(let token): return FixedToken(token: token)
        case .command(let provider): return provider
        case .stored(let provider): return provider
        }
    }
}

extension Credentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Where the token comes from, never the token itself.
    public var description: String {
        switch self {
        case .simulator: return "simulator (no token)"
        case .token: return "\(Self.environmentVariable) (<redacted>)"
        case .command(let provider): return "--token-command \(provider.command) (<redacted>)"
        case .stored(let provider): return "\(provider.description) (<redacted>)"
        }
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror without the token, so `dump` does not show it.
    public var customMirror: Mirror { Mirror(self, children: ["source": description]) }
}

/// The token from the environment, the same for every attempt (a refresh after a `401` cannot get another).
private struct FixedToken: AccessTokenProvider {
    let token: String
    func accessToken(forceRefresh: Bool) async throws -> String { token }
}
