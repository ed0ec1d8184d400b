import Foundation

/// The server answered with a status outside 200...299.
///
/// Holds what the server said (status, code, message, target, details), what it asked for (`retryAfter`, the
/// rate-limit headers), the request's correlation id, and the start of the raw body for diagnosis.
public struct APIError: Error, Sendable, Hashable {
    /// The SDK operation, for example `"cloneIModel"`.
    public var operation: String
    /// The HTTP status code.
    public var status: Int
    /// `error.code` (or `code` in the unwrapped form); `nil` when the body held none.
    public var code: ErrorCode?
    /// `error.message`; `nil` when the body held none.
    public var message: String?
    /// `error.target`.
    public var target: String?
    /// `error.details`.
    public var details: [ErrorDetail]
    /// The wait the server asked for with `Retry-After`, when it sent a valid one.
    public var retryAfter: Duration?
    /// The `ITwinPlatform-RateLimited-*` headers, when present.
    public var rateLimit: RateLimitInfo?
    /// The `X-Correlation-Id` the request carried.
    public var correlationId: String?
    /// The first 4 KiB of the response body (the access token, should the server echo it, is redacted).
    public var rawBody: Data

    /// The largest number of body bytes kept in ``rawBody``.
    public static let rawBodyLimit = 4096

    /// Creates an error.
    public init(
        operation: String,
        status: Int,
        code: ErrorCode? = nil,
        message: String? = nil,
        target: String? = nil,
        details: [ErrorDetail] = [],
        retryAfter: Duration? = nil,
        rateLimit: RateLimitInfo? = nil,
        correlationId: String? = nil,
        rawBody: Data = Data()
    ) {
        self.operation = operation
        self.status = status
        self.code = code
        self.message = message
        self.target = target
        self.details = details
        self.retryAfter = retryAfter
        self.rateLimit = rateLimit
        self.correlationId = correlationId
        self.rawBody = rawBody.prefix(Self.rawBodyLimit)
    }

    /// The raw body as text (invalid UTF-8 replaced).
    public var rawBodyText: String { String(decoding: rawBody, as: UTF8.self) }
}

extension APIError: CustomStringConvertible {
    /// `cloneIModel: HTTP 404 iModelNotFound: Requested iModel is not available. (correlation id …)`.
    public var description: String {
        var text = "\(operation): HTTP \(status)"
        if let code { text += " \(code)" }
        if let message, !message.isEmpty { text += ": \(message)" }
        if let target { text += " (target: \(target))" }
        for detail in details {
            text += "\n  - \(detail.code?.rawValue ?? "detail"): \(detail.message ?? "")"
            if let target = detail.target { text += " (target: \(target))" }
        }
        if let retryAfter { text += "\n  retry after \(retryAfter.formattedSeconds)" }
        if let correlationId { text += "\n  correlation id \(correlationId)" }
        if code == nil, !rawBody.isEmpty { text += "\n  body: \(rawBodyText.prefix(200))" }
        return text
    }
}
