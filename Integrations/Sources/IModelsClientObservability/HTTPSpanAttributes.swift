import Foundation
import IModelsClient
import Tracing

/// What an attempt span says about its request and its answer, in OpenTelemetry HTTP client names. Never a header
/// value other than the correlation id.
enum HTTPSpanAttributes {
    /// The request's method, URL, server, resend count and correlation id.
    static func describe(_ request: HTTPRequest, in attributes: inout SpanAttributes) {
        attributes[SpanAttributeName.requestMethod] = request.method.rawValue
        attributes[SpanAttributeName.urlFull] = fullURL(request.url)
        if let host = request.url.host { attributes[SpanAttributeName.serverAddress] = host }
        if let port = request.url.port ?? defaultPort(of: request.url) {
            attributes[SpanAttributeName.serverPort] = port
        }
        attributes[SpanAttributeName.resendCount] = max(0, request.attempt - 1)
        if let correlationId = request.headers["X-Correlation-Id"] {
            attributes[SpanAttributeName.correlationIdHeader] = [correlationId]
        }
    }

    /// The answer's status; from `400` on, also `error.type`.
    static func describe(_ response: HTTPResponse, in attributes: inout SpanAttributes) {
        attributes[SpanAttributeName.responseStatusCode] = response.status
        if response.status >= 400 { attributes[SpanAttributeName.errorType] = String(response.status) }
    }

    /// Query parameters whose values OpenTelemetry redacts in `url.full` by default: request signatures (a storage
    /// link's `sig`, a presigned URL's `Signature`).
    static let signatureParameters: Set<String> = ["awsaccesskeyid", "signature", "sig", "x-goog-signature"]

    /// The URL as `url.full` gives it: without user name and password, and with the values of
    /// ``signatureParameters`` replaced by `REDACTED`.
    static func fullURL(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "" }
        if components.user != nil || components.password != nil {
            components.user = "REDACTED"
            components.password = "REDACTED"
        }
        if let items = components.percentEncodedQueryItems,
            items.contains(where: { signatureParameters.contains($0.name.lowercased()) })
        {
            components.percentEncodedQueryItems = items.map { item in
                guard signatureParameters.contains(item.name.lowercased()) else { return item }
                return URLQueryItem(name: item.name, value: "REDACTED")
            }
        }
        return components.string ?? ""
    }

    /// The port the scheme implies, since `server.port` is wanted even when the URL names none.
    private static func defaultPort(of url: URL) -> Int? {
        switch url.scheme?.lowercased() {
        case "https": return 443
        case "http": return 80
        default: return nil
        }
    }
}
