import Foundation

/// Reads the redirect that ends a browser sign-in (RFC 6749 §4.1.2): the authorization code, once its `state` is
/// checked.
public enum AuthorizationCallback {
    /// The `code` of the redirect URL (query parameters), after checking that its `state` equals `expectedState`.
    ///
    /// Throws ``TokenRequestError/stateMismatch`` when the state is missing or differs (checked first, so a forged
    /// redirect cannot even report an error), ``TokenRequestError/oauth(_:)`` when the redirect carries `error`
    /// (for example ``OAuthErrorCode/accessDenied`` when the user declined), and
    /// ``TokenRequestError/decoding(operation:status:reason:)`` when it has no code.
    public static func code(from url: URL, expectedState: String) throws -> String {
        let operation = "authorizationRedirect"
        let fields = FormEncoding.decode(
            URLComponents(url: url, resolvingAgainstBaseURL: true)?.percentEncodedQuery ?? "")
        func value(_ name: String) -> String? { fields.first { $0.0 == name }?.1 }
        guard !expectedState.isEmpty, value("state") == expectedState else { throw TokenRequestError.stateMismatch }
        if let error = value("error") {
            throw TokenRequestError.oauth(
                OAuthError(
                    operation: operation, status: 0, code: OAuthErrorCode(rawValue: error),
                    message: value("error_description"), uri: value("error_uri")))
        }
        guard let code = value("code"), !code.isEmpty else {
            throw TokenRequestError.decoding(operation: operation, status: 0, reason: "the redirect has no code")
        }
        return code
    }
}
