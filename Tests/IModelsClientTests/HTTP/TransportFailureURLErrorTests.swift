import Foundation
import Testing

@testable import IModelsClient

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite struct TransportFailureURLErrorTests {
    @Test(arguments: [
        (URLError.Code.cannotConnectToHost, TransportFailure.Kind.cannotConnect, false),
        (.cannotFindHost, .cannotConnect, false),
        (.dnsLookupFailed, .cannotConnect, false),
        (.notConnectedToInternet, .cannotConnect, false),
        (.secureConnectionFailed, .cannotConnect, false),
        (.serverCertificateUntrusted, .cannotConnect, false),
        (.timedOut, .timedOut, true),
        (.networkConnectionLost, .connectionLost, true),
        (.badServerResponse, .connectionLost, true),
        (.cannotParseResponse, .connectionLost, true),
        (.zeroByteResource, .connectionLost, true),
        (.unknown, .connectionLost, true),
        (.badURL, .other, true),
        (.cancelled, .other, true),
    ])
    func codesMapToKinds(code: URLError.Code, kind: TransportFailure.Kind, reached: Bool) {
        let failure = TransportFailure(urlError: URLError(code), operation: "cloneIModel", secrets: [])
        #expect(failure.kind == kind)
        #expect(failure.requestMayHaveReachedServer == reached)
        #expect(failure.operation == "cloneIModel")
        #expect(failure.underlyingDescription.contains("(\(code.rawValue))"))
    }

    @Test func theDescriptionNeverHoldsAHeaderValue() {
        let error = URLError(
            .unknown,
            userInfo: [NSLocalizedDescriptionKey: "server said: Authorization: Bearer secret-token-123 rejected"]
        )
        let failure = TransportFailure(
            urlError: error,
            operation: "",
            secrets: ["Bearer secret-token-123", "Bearer", "secret-token-123"]
        )
        #expect(!failure.underlyingDescription.contains("secret-token-123"))
        #expect(!String(describing: failure).contains("secret-token-123"))
        #expect(failure.underlyingDescription.contains("<redacted>"))
        #expect(failure.underlyingDescription.contains("rejected"))
    }
}
