import Foundation
import IModelsClient

/// What `imodels auth login` keeps in the token store for one environment: the access token, when it expires, the
/// refresh token of an interactive login, and what is needed to say who signed in and to get a new token. Never the
/// client secret.
///
/// Its description, debug description and mirror never show a token.
public struct StoredLogin: Codable, Sendable, Equatable {
    /// How the login was made.
    public enum Kind: String, Codable, Sendable {
        /// `imodels auth login --client-id … --client-secret …`: a service app's client-credentials token.
        case service
        /// `imodels auth login` in a browser: a user's token, with a refresh token.
        case interactive
    }

    /// The access token (secret).
    public var accessToken: String
    /// When the access token expires.
    public var expiresAt: Date
    /// The refresh token of an interactive login (secret), if the server gave one.
    public var refreshToken: String?
    /// The app's client id.
    public var clientId: String
    /// Service or interactive.
    public var kind: Kind
    /// The scopes asked for.
    public var scopes: [String]
    /// The environment's name: `production`, `qa` or `dev`.
    public var environment: String
    /// The authorization server (authority) the token came from.
    public var authority: URL

    /// Creates a stored login; the expiry is rounded down to the second, as the file keeps it.
    public init(
        accessToken: String, expiresAt: Date, refreshToken: String? = nil, clientId: String, kind: Kind,
        scopes: [String], environment: String, authority: URL
    ) {
        self.accessToken = accessToken
        self.expiresAt = Date(timeIntervalSince1970: expiresAt.timeIntervalSince1970.rounded(.down))
        self.refreshToken = refreshToken
        self.clientId = clientId
        self.kind = kind
        self.scopes = scopes
        self.environment = environment
        self.authority = authority
    }

    /// Whether the access token has less than `margin` left at `now`.
    public func expires(within margin: Duration, at now: Date) -> Bool {
        let seconds = Double(margin.components.seconds) + Double(margin.components.attoseconds) / 1e18
        return expiresAt.timeIntervalSince(now) < seconds
    }
}

extension StoredLogin: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `StoredLogin(service, client <id>, production, expires <date>)`: never a token.
    public var description: String {
        "StoredLogin(\(kind.rawValue), client \(clientId), \(environment), expires "
            + "\(expiresAt.formatted(.iso8601)))"
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror without the tokens, so `dump` does not show them.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "kind": kind.rawValue, "clientId": clientId, "environment": environment, "expiresAt": expiresAt,
                "accessToken": "<redacted>", "refreshToken": refreshToken == nil ? "none" : "<redacted>",
            ])
    }
}
