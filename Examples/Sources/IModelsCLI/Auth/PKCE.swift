import Crypto
import Foundation

/// The proof key of an authorization-code sign-in (RFC 7636, method `S256`): a random verifier, kept by the tool,
/// and its challenge, sent in the authorization URL.
public struct PKCE: Sendable, Equatable {
    /// 43 characters of base64url: 32 random bytes.
    public let verifier: String
    /// `BASE64URL(SHA256(verifier))`, without padding.
    public var challenge: String { Self.challenge(for: verifier) }

    /// A new random verifier.
    public init() {
        verifier = Self.randomToken()
    }

    /// A given verifier (for tests).
    public init(verifier: String) {
        self.verifier = verifier
    }

    /// `BASE64URL(SHA256(verifier))`, without padding.
    public static func challenge(for verifier: String) -> String {
        base64URL(Data(SHA256.hash(data: Data(verifier.utf8))))
    }

    /// 32 random bytes as base64url (43 characters): a verifier or a `state`.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return base64URL(Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }))
    }

    /// Base64url without padding (RFC 4648 §5).
    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
