import Foundation

/// A request as a transport sends it: method, absolute URL, headers and an optional body.
///
/// The pipeline builds these; a custom ``HTTPTransport`` only has to send them.
public struct HTTPRequest: Sendable, Hashable {
    /// The method.
    public var method: HTTPMethod
    /// The absolute URL.
    public var url: URL
    /// The header fields, `Authorization` included when the pipeline has authorized the request.
    public var headers: HTTPHeaders
    /// The body, or `nil` for none.
    public var body: Data?
    /// How long the transport may wait for the whole answer; `nil` leaves it to the transport.
    public var timeout: Duration?
    /// The SDK operation this request belongs to, for example `"cloneIModel"` (for logs and test assertions).
    public var operation: String
    /// Which send of the call this is: 1 for the first, 2 for the first retry (a resend after a `401` counts too).
    /// Middlewares read it (for example OpenTelemetry's `http.request.resend_count` is `attempt - 1`).
    public var attempt: Int

    /// Creates a request.
    public init(
        method: HTTPMethod,
        url: URL,
        headers: HTTPHeaders = [:],
        body: Data? = nil,
        timeout: Duration? = nil,
        operation: String = "",
        attempt: Int = 1
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.operation = operation
        self.attempt = attempt
    }
}

extension HTTPRequest: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The method and URL; headers and body are left out so the token cannot leak into logs.
    public var description: String { "\(method) \(url.absoluteString)" }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// Every property, with credentials in the headers redacted, so `dump` and debuggers do not show the token.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "method": method, "url": url, "headers": headers.redacted(), "body": body as Any,
                "timeout": timeout as Any, "operation": operation, "attempt": attempt,
            ], displayStyle: .struct)
    }
}
