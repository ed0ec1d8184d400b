import Foundation

/// Who an access token says it belongs to, read from its JWT payload for `imodels auth status`: the e-mail address,
/// else the preferred user name, else the name, else the subject. Not verified (the tool only shows it; the
/// platform checks the token), and `nil` for a token that is not a JWT. Never shows the token.
public enum TokenClaims {
    /// The user the token names, if it is a JWT with one of those claims.
    public static func user(in accessToken: String) -> String? {
        let parts = accessToken.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = data(base64URL: String(parts[1])),
            let claims = try? JSONSerialization.jsonObject(with: payload) as? [String: Any]
        else { return nil }
        for key in ["email", "preferred_username", "name", "sub"] {
            if let value = claims[key] as? String, !value.isEmpty, !value.contains(accessToken) { return value }
        }
        return nil
    }

    private static func data(base64URL text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
