import Foundation
import Testing

@testable import IModelsClient

@Suite struct TokenResponseTests {
    private let now = Date(timeIntervalSince1970: 1_767_225_600)

    private func parse(_ json: String) throws -> TokenResponse {
        try TokenResponse.parse(Data(json.utf8), receivedAt: now)
    }

    @Test func readsEveryField() throws {
        let response = try parse(
            #"{"access_token":"a.b.c","token_type":"bearer","expires_in":3599,"refresh_token":"r1","scope":"x y"}"#)
        #expect(response.accessToken == AccessToken(value: "a.b.c", expiresAt: now.addingTimeInterval(3599)))
        #expect(response.refreshToken == "r1")
        #expect(response.scopes == ["x", "y"])
        #expect(response.tokenType == "bearer")
    }

    @Test func acceptsExpiresInAsAString() throws {
        let response = try parse(#"{"access_token":"a","token_type":"Bearer","expires_in":"60"}"#)
        #expect(response.accessToken.expiresAt == now.addingTimeInterval(60))
        #expect(response.refreshToken == nil && response.scopes == nil)
    }

    @Test(arguments: [
        ("<html>oops</html>", "not a JSON object"),
        (#"[1]"#, "not a JSON object"),
        (#"{"token_type":"Bearer","expires_in":60}"#, "access_token is missing"),
        (#"{"access_token":42,"token_type":"Bearer","expires_in":60}"#, "access_token is not a string"),
        (#"{"access_token":"","token_type":"Bearer","expires_in":60}"#, "access_token is empty"),
        (#"{"access_token":"a","expires_in":60}"#, "token_type is missing"),
        (#"{"access_token":"a","token_type":"mac","expires_in":60}"#, "token_type is not Bearer"),
        (#"{"access_token":"a","token_type":"Bearer"}"#, "expires_in is missing"),
        (#"{"access_token":"a","token_type":"Bearer","expires_in":-5}"#, "expires_in is not a positive"),
        (#"{"access_token":"a","token_type":"Bearer","expires_in":"soon"}"#, "expires_in is not a positive"),
        (#"{"access_token":"a","token_type":"Bearer","expires_in":true}"#, "expires_in is not a positive"),
    ])
    func oddAnswersAreTypedDecodingErrors(json: String, reason: String) {
        let error = #expect(throws: TokenRequestError.self) { try parse(json) }
        guard case .decoding(_, _, let actual) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(actual.contains(reason))
    }

    @Test func descriptionsNeverShowTheTokens() throws {
        let response = try parse(
            #"{"access_token":"ACCESS-9d1","token_type":"Bearer","expires_in":60,"refresh_token":"REFRESH-4e2"}"#)
        let text = FakeIMS.allRenderings(response)
        #expect(!text.contains("ACCESS-9d1"))
        #expect(!text.contains("REFRESH-4e2"))
        #expect(text.contains("<redacted>"))
    }

    @Test func discoveryNeedsATokenEndpoint() {
        #expect(throws: TokenRequestError.self) {
            try OpenIDConfiguration.parse(Data(#"{"issuer":"https://ims.example.test"}"#.utf8))
        }
        #expect(throws: TokenRequestError.self) {
            try OpenIDConfiguration.parse(Data(#"{"token_endpoint":"/connect/token"}"#.utf8))
        }
    }
}
