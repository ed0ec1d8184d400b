import IModelsClient
import IModelsClientObservability
import Testing

/// `HTTPHeadersInjector`: writes propagation fields, never a credential header.
@Suite struct HTTPHeadersInjectorTests {
    @Test func writesAndReplacesAField() {
        var headers: HTTPHeaders = ["traceparent": "old"]
        HTTPHeadersInjector().inject("00-a-b-01", forKey: "Traceparent", into: &headers)
        HTTPHeadersInjector().inject("k=v", forKey: "tracestate", into: &headers)
        #expect(headers["traceparent"] == "00-a-b-01")
        #expect(headers.values(for: "traceparent").count == 1)
        #expect(headers["tracestate"] == "k=v")
    }

    @Test func neverWritesACredentialHeader() {
        var headers: HTTPHeaders = ["Authorization": "Bearer kept"]
        HTTPHeadersInjector().inject("Bearer replaced", forKey: "authorization", into: &headers)
        HTTPHeadersInjector().inject("Basic xyz", forKey: "Proxy-Authorization", into: &headers)
        #expect(headers["Authorization"] == "Bearer kept")
        #expect(!headers.contains("Proxy-Authorization"))
    }
}
