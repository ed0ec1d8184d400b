/// An OAuth 2.0 error code (the `error` field of an error answer, RFC 6749 §5.2, or of an authorization redirect,
/// §4.1.2.1), as an open set: codes not listed here are kept as they came.
public struct OAuthErrorCode: OpenStringValue {
    /// The code as the server spelled it.
    public let rawValue: String

    /// Creates a code from its wire spelling.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The request is missing a parameter or is otherwise malformed.
    public static let invalidRequest: OAuthErrorCode = "invalid_request"
    /// The client id or secret was not accepted (unknown client, wrong secret, no client authentication).
    public static let invalidClient: OAuthErrorCode = "invalid_client"
    /// The authorization code or refresh token is invalid, expired, revoked, already used, or was issued to another
    /// client or redirect URI (also a PKCE verifier that does not match the challenge).
    public static let invalidGrant: OAuthErrorCode = "invalid_grant"
    /// The client may not use this grant type (for example a Desktop app asking for client credentials).
    public static let unauthorizedClient: OAuthErrorCode = "unauthorized_client"
    /// The server does not support this grant type.
    public static let unsupportedGrantType: OAuthErrorCode = "unsupported_grant_type"
    /// A requested scope is unknown, malformed, or not allowed for the client.
    public static let invalidScope: OAuthErrorCode = "invalid_scope"
    /// The user or the server refused the authorization request (authorization redirect).
    public static let accessDenied: OAuthErrorCode = "access_denied"
    /// The server does not support this way of getting an authorization code (authorization redirect).
    public static let unsupportedResponseType: OAuthErrorCode = "unsupported_response_type"
    /// The server met an unexpected condition (authorization redirect).
    public static let serverError: OAuthErrorCode = "server_error"
    /// The server is too busy for now (authorization redirect).
    public static let temporarilyUnavailable: OAuthErrorCode = "temporarily_unavailable"
}

/// An OAuth 2.0 error answer from the authorization server: its `error` and `error_description` fields.
///
/// The description is the server's text; any echo of the client secret is redacted.
public struct OAuthError: Sendable, Hashable, CustomStringConvertible {
    /// The request that was refused, for example `"requestClientCredentialsToken"` or `"authorizationRedirect"`.
    public var operation: String
    /// The HTTP status of the answer (`0` for an error carried by an authorization redirect).
    public var status: Int
    /// The `error` field, for example ``OAuthErrorCode/invalidClient``.
    public var code: OAuthErrorCode
    /// The `error_description` field, if any.
    public var message: String?
    /// The `error_uri` field, if any.
    public var uri: String?

    /// Creates an error.
    public init(operation: String, status: Int, code: OAuthErrorCode, message: String? = nil, uri: String? = nil) {
        self.operation = operation
        self.status = status
        self.code = code
        self.message = message
        self.uri = uri
    }

    /// `operation was refused (HTTP status): code: message`.
    public var description: String {
        let http = status == 0 ? "" : " (HTTP \(status))"
        return "\(operation) was refused\(http): \(code)" + (message.map { ": \($0)" } ?? "")
            + (uri.map { " (see \($0))" } ?? "")
    }
}
