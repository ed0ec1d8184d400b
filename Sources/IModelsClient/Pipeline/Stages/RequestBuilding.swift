import Foundation

/// The request-building stage: the base URL and encoded path (or a link checked against the base origin), `Accept`
/// per API, `Content-Type`, `User-Agent`, `X-Correlation-Id` (the bound one, the caller's, or a new one), and the
/// configured headers. Never `Authorization`: the authorization stage adds it per attempt.
struct RequestBuilding: Sendable {
    let linkPolicy: LinkPolicy
    let additionalHeaders: HTTPHeaders
    let timeout: Duration?

    /// The request for `endpoint`, or ``ITwinClientError/untrustedURL(_:)`` for a base URL or link the token must not
    /// go to.
    func request(for endpoint: Endpoint) throws -> HTTPRequest {
        try linkPolicy.validateBaseURL()
        var headers = HTTPHeaders()
        headers["Accept"] = endpoint.api.accept
        headers["User-Agent"] = SDKVersion.userAgent
        for field in additionalHeaders { headers[field.name] = field.value }
        for field in endpoint.headers { headers[field.name] = field.value }
        if let bound = CorrelationID.current {
            headers["X-Correlation-Id"] = bound
        } else if headers["X-Correlation-Id"] == nil {
            headers["X-Correlation-Id"] = CorrelationID.generate()
        }
        if endpoint.body != nil { headers["Content-Type"] = "application/json" }
        headers["Authorization"] = nil
        return HTTPRequest(
            method: endpoint.method,
            url: try endpoint.url(policy: linkPolicy),
            headers: headers,
            body: endpoint.body,
            timeout: timeout,
            operation: endpoint.operation)
    }
}
