import Foundation
import IModelsClient
import Testing

@testable import IModelsClientObservability

/// The attribute values `TracingMiddleware` derives: `url.full` and `error.type`.
@Suite struct SpanAttributesTests {
    @Test func urlFullDropsUserInfoAndSignatureValues() throws {
        let url = try #require(
            URL(string: "https://user:pw@store.example.test/reports/1.json?sv=2024&sig=abc%2Bdef&se=2026"))
        #expect(
            HTTPSpanAttributes.fullURL(url)
                == "https://REDACTED:REDACTED@store.example.test/reports/1.json?sv=2024&sig=REDACTED&se=2026")
        let plain = try #require(URL(string: "https://api.example.test/imodels?iTwinId=x&$top=10"))
        #expect(HTTPSpanAttributes.fullURL(plain) == plain.absoluteString)
    }

    @Test func errorTypeIsShortAndNeverADescription() {
        let failure = TransportFailure(
            operation: "getIModel", kind: .timedOut, underlyingDescription: "secret detail",
            requestMayHaveReachedServer: true)
        #expect(ErrorType.of(ITwinClientError.transport(failure)) == "timedOut")
        #expect(ErrorType.of(failure) == "timedOut")
        #expect(ErrorType.of(ITwinClientError.invalidRequest("secret detail")) == "invalidRequest")
        #expect(ErrorType.of(CancellationError()) == "cancelled")
        struct Custom: Error {}
        #expect(ErrorType.of(Custom()).hasSuffix("Custom"))
    }

    @Test func credentialRedactionRemovesTheHeaderValueAndTheBareToken() {
        let redaction = CredentialRedaction(of: ["Authorization": "Bearer t0k", "Accept": "application/json"])
        #expect(redaction.redact("sent Bearer t0k, then t0k") == "sent <redacted>, then <redacted>")
        #expect(redaction.redact("application/json") == "application/json")
    }
}
