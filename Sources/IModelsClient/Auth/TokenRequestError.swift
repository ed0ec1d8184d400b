import Foundation

/// Why a token could not be had from the authorization server (OpenID discovery, client credentials, code or
/// refresh-token exchange, or an authorization redirect).
///
/// When an ``ITwinClient`` asks a ``ServiceTokenProvider`` for a token and this is thrown, the client wraps it in
/// ``ITwinClientError/tokenProviderFailed(operation:underlying:)``: nothing was sent to the platform.
///
/// No case holds the client secret, an access token or a refresh token: text the server sent back is kept with any
/// echo of the secret redacted, and the body of a successful token answer is never kept. Descriptions are safe to log.
public enum TokenRequestError: Error, Sendable, Hashable {
    /// The server refused the request with an OAuth error (`error`, `error_description`), for example
    /// ``OAuthErrorCode/invalidClient`` for a wrong secret or ``OAuthErrorCode/invalidScope``.
    case oauth(OAuthError)
    /// The request was refused before anything was sent: an empty client id or secret, a scope a service app may
    /// not ask for, an authority that is neither `https` nor `http` to a loopback host, a malformed PKCE challenge.
    case invalidConfiguration(String)
    /// An endpoint named by the discovery document is not on the authority's origin (scheme, host and port), so no
    /// credential is sent to it.
    case untrustedEndpoint(URL)
    /// The server answered with a status that is not an OAuth error (an HTML page, a `404` on discovery, a `5xx`
    /// or `429` once retries ran out, or a `Retry-After` longer than the retry policy waits). `bodyExcerpt` is the
    /// start of the body (at most 512 characters).
    case unexpectedAnswer(operation: String, status: Int, retryAfter: Duration?, bodyExcerpt: String)
    /// No answer came back once retries ran out.
    case transport(TransportFailure)
    /// A `2xx` answer could not be read: not JSON, or a required field (`access_token`, `token_type`, `expires_in`,
    /// `token_endpoint`) missing or of the wrong kind. The reason names fields, never their values.
    case decoding(operation: String, status: Int, reason: String)
    /// The `state` of an authorization redirect is not the one the request sent: the redirect is not the answer to
    /// this sign-in (a forged or stale redirect), and its code must not be used.
    case stateMismatch
}

extension TokenRequestError: LocalizedError, CustomStringConvertible {
    /// A readable description of the error.
    public var errorDescription: String? { description }

    /// A readable description of the error (never a secret or a token).
    public var description: String {
        switch self {
        case .oauth(let error):
            return error.description
        case .invalidConfiguration(let reason):
            return "Invalid sign-in configuration, nothing was sent: \(reason)"
        case .untrustedEndpoint(let url):
            return "Refused to send credentials to \(url.absoluteString): it is not on the authority's origin."
        case .unexpectedAnswer(let operation, let status, let retryAfter, let bodyExcerpt):
            let wait = retryAfter.map { " (Retry-After \($0))" } ?? ""
            let body = bodyExcerpt.isEmpty ? "" : "\n  body: \(bodyExcerpt)"
            return "\(operation): unexpected HTTP \(status) answer from the authorization server\(wait)\(body)"
        case .transport(let failure):
            return failure.description
        case .decoding(let operation, let status, let reason):
            return "\(operation): could not read the HTTP \(status) answer of the authorization server: \(reason)"
        case .stateMismatch:
            return "The authorization redirect's state does not match the request's: the redirect was refused."
        }
    }

    /// The OAuth error, when this is ``oauth(_:)``.
    public var oauthError: OAuthError? {
        if case .oauth(let error) = self { return error }
        return nil
    }
}
