import Foundation

/// One HTTP attempt, as reported to ``Configuration/log``. `Authorization` is redacted.
public struct LogEvent: Sendable, CustomStringConvertible {
    /// The SDK operation, for example `"cloneIModel"`.
    public var operation: String
    /// The method.
    public var method: HTTPMethod
    /// The URL.
    public var url: URL
    /// The status of the answer, or `nil` when no answer came.
    public var status: Int?
    /// The attempt number, from 1.
    public var attempt: Int
    /// The wait before the next attempt, when the pipeline will try again.
    public var retryDelay: Duration?
    /// The request's `X-Correlation-Id`.
    public var correlationId: String
    /// The request headers, `Authorization` redacted.
    public var requestHeaders: HTTPHeaders
    /// The transport failure, when no answer came.
    public var failure: String?
    /// How long the attempt took on the configured clock.
    public var elapsed: Duration

    /// Creates an event.
    public init(
        operation: String,
        method: HTTPMethod,
        url: URL,
        status: Int?,
        attempt: Int,
        retryDelay: Duration?,
        correlationId: String,
        requestHeaders: HTTPHeaders,
        failure: String?,
        elapsed: Duration
    ) {
        self.operation = operation
        self.method = method
        self.url = url
        self.status = status
        self.attempt = attempt
        self.retryDelay = retryDelay
        self.correlationId = correlationId
        self.requestHeaders = requestHeaders.redacted()
        self.failure = failure
        self.elapsed = elapsed
    }

    /// One line: `cloneIModel POST https://… -> 429 (attempt 1, retry in 10 s) [correlation id]`.
    public var description: String {
        var text = "\(operation) \(method) \(url.absoluteString) -> "
        text += status.map(String.init) ?? "no answer (\(failure ?? "unknown failure"))"
        text += " (attempt \(attempt)"
        if let retryDelay { text += ", retry in \(retryDelay.formattedSeconds)" }
        text += ", \(elapsed.formattedSeconds)) [\(correlationId)]"
        return text
    }
}
