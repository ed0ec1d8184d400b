/// The OpenTelemetry semantic-convention names of the attributes ``TracingMiddleware`` sets (HTTP client spans,
/// conventions 1.26 and later).
enum SpanAttributeName {
    static let requestMethod = "http.request.method"
    static let urlFull = "url.full"
    static let serverAddress = "server.address"
    static let serverPort = "server.port"
    static let resendCount = "http.request.resend_count"
    static let correlationIdHeader = "http.request.header.x-correlation-id"
    static let responseStatusCode = "http.response.status_code"
    static let errorType = "error.type"
}
