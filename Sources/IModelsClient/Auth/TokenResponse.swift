import Foundation

/// A successful answer of a token endpoint (RFC 6749 §5.1): the access token and when it expires, the refresh
/// token when one was issued (ask for `offline_access`), and the granted scopes.
///
/// Its `description`, `debugDescription` and mirror never show the access token or the refresh token.
public struct TokenResponse: Sendable, Hashable {
    /// The access token and its expiry (the time of the answer plus `expires_in`).
    public var accessToken: AccessToken
    /// The refresh token, when the server issued one.
    public var refreshToken: String?
    /// The granted scopes (the `scope` field, split at spaces), or `nil` when the server did not say (then they are
    /// the requested ones).
    public var scopes: [String]?
    /// The `token_type` field (`Bearer`).
    public var tokenType: String

    /// Creates a response.
    public init(accessToken: AccessToken, refreshToken: String? = nil, scopes: [String]? = nil, tokenType: String) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.scopes = scopes
        self.tokenType = tokenType
    }

    /// Reads a token endpoint's JSON answer received at `receivedAt`.
    ///
    /// `access_token` (a non-empty string), `token_type` (`Bearer`, in any case) and `expires_in` (a positive number
    /// of seconds, or such a number as a string) are required; `refresh_token` and `scope` are read when they are
    /// strings. Anything else throws ``TokenRequestError/decoding(operation:status:reason:)``, whose reason names
    /// the field, never its value.
    public static func parse(
        _ body: Data, receivedAt: Date, operation: String = "parseTokenResponse", status: Int = 200
    ) throws -> TokenResponse {
        func failure(_ reason: String) -> TokenRequestError {
            .decoding(operation: operation, status: status, reason: reason)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw failure("the body is not a JSON object")
        }
        guard let value = object["access_token"] as? String else {
            throw failure(object["access_token"] == nil ? "access_token is missing" : "access_token is not a string")
        }
        guard !value.isEmpty else { throw failure("access_token is empty") }
        guard let tokenType = object["token_type"] as? String else {
            throw failure(object["token_type"] == nil ? "token_type is missing" : "token_type is not a string")
        }
        guard tokenType.lowercased() == "bearer" else {
            throw failure("token_type is not Bearer")
        }
        guard let expiresIn = seconds(object["expires_in"]) else {
            throw failure(
                object["expires_in"] == nil
                    ? "expires_in is missing" : "expires_in is not a positive number of seconds")
        }
        let scopes = (object["scope"] as? String).map { $0.split(separator: " ").map(String.init) }
        let refreshToken = (object["refresh_token"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        return TokenResponse(
            accessToken: AccessToken(value: value, expiresAt: receivedAt.addingTimeInterval(expiresIn)),
            refreshToken: refreshToken, scopes: scopes, tokenType: tokenType)
    }

    /// A positive, finite number of seconds from a JSON number or a numeric string.
    private static func seconds(_ value: Any?) -> TimeInterval? {
        let seconds: Double?
        switch value {
        case let text as String: seconds = Double(text.trimmingCharacters(in: .whitespaces))
        case let number as NSNumber where !(value is Bool): seconds = number.doubleValue
        default: seconds = nil
        }
        guard let seconds, seconds.isFinite, seconds > 0 else { return nil }
        return seconds
    }
}

extension TokenResponse: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The token type, expiry and scopes; never the tokens.
    public var description: String {
        let refresh = refreshToken == nil ? "no refresh token" : "refresh token <redacted>"
        let granted = scopes.map { ", scopes \($0.joined(separator: " "))" } ?? ""
        return "TokenResponse(\(tokenType) <redacted>, expires \(accessToken.expiresAt.formatted(.iso8601)), "
            + "\(refresh)\(granted))"
    }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror with the tokens redacted, so `dump` and debuggers do not show them.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessToken": accessToken, "refreshToken": refreshToken.map { _ in "<redacted>" } as Any,
                "scopes": scopes as Any, "tokenType": tokenType,
            ], displayStyle: .struct)
    }
}
