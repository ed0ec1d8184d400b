import Foundation

/// The server's answer could not be read as the documented shape (HTML, truncated JSON, a missing header, …).
public struct DecodingFailure: Error, Sendable, Hashable {
    /// The SDK operation, for example `"getIModel"`.
    public var operation: String
    /// The HTTP status of the answer.
    public var status: Int
    /// What failed, for example `keyNotFound: createOperation`.
    public var reason: String
    /// The first 4 KiB of the body (the access token, should the server echo it, is redacted).
    public var rawBody: Data

    /// Creates a failure.
    public init(operation: String, status: Int, reason: String, rawBody: Data = Data()) {
        self.operation = operation
        self.status = status
        self.reason = reason
        self.rawBody = rawBody.prefix(APIError.rawBodyLimit)
    }

    /// The raw body as text (invalid UTF-8 replaced).
    public var rawBodyText: String { String(decoding: rawBody, as: UTF8.self) }
}

extension DecodingFailure: CustomStringConvertible {
    /// One line with the operation, status and reason, and the start of the body.
    public var description: String {
        var text = "\(operation): could not read the HTTP \(status) answer: \(reason)"
        if !rawBody.isEmpty { text += "\n  body: \(rawBodyText.prefix(200))" }
        return text
    }
}
