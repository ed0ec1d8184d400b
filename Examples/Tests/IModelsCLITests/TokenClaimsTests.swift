import Foundation
import IModelsCLI
import Testing

@Suite("Who a stored token names")
struct TokenClaimsTests {
    /// A JWT-shaped token whose payload holds `claims` (the signature is not checked, so any text will do).
    static func jwt(_ claims: String) -> String {
        let payload = Data(claims.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "eyJhbGciOiJSUzI1NiJ9.\(payload).c2lnbmF0dXJl"
    }

    @Test("the e-mail claim first, then the user name, the name and the subject")
    func claimOrder() {
        #expect(
            TokenClaims.user(in: Self.jwt(#"{"sub":"42","email":"ada@example.com","name":"Ada"}"#)) == "ada@example.com"
        )
        #expect(TokenClaims.user(in: Self.jwt(#"{"sub":"42","preferred_username":"ada"}"#)) == "ada")
        #expect(TokenClaims.user(in: Self.jwt(#"{"sub":"42","name":"Ada L."}"#)) == "Ada L.")
        #expect(TokenClaims.user(in: Self.jwt(#"{"sub":"42"}"#)) == "42")
    }

    @Test("a token that is not a JWT, or has no such claim, names nobody")
    func notAJWT() {
        for token in ["opaque-token", "a.b", "a.!!!.c", Self.jwt("[1]"), Self.jwt(#"{"aud":"x"}"#)] {
            #expect(TokenClaims.user(in: token) == nil)
        }
    }

    @Test("status names the user of an interactive login, never the token")
    func statusNamesTheUser() throws {
        let store = try temporaryStore()
        defer { remove(store) }
        var login = TokenStoreTests.login(.interactive)
        login.accessToken = Self.jwt(#"{"email":"ada@example.com"}"#)
        try store.save(login)
        let status = try AuthStatus(store: store, environment: "production", secretAvailable: false)
        #expect(status.text.contains("Signed in to production as ada@example.com (app svc-app)"))
        let json = JSONOutput.string(status)
        #expect(json.contains(#""user" : "ada@example.com""#))
        for text in [status.text, json] { #expect(!text.contains(login.accessToken)) }
    }
}
