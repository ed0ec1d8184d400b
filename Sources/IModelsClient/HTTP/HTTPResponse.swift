import Foundation

/// A complete answer from the server: status code, headers and the whole body.
public struct HTTPResponse: Sendable, Hashable {
    /// The HTTP status code, for example `200`.
    public var status: Int
    /// The header fields; names are compared without case.
    public var headers: HTTPHeaders
    /// The body; empty when the server sent none.
    public var body: Data

    /// Creates a response.
    public init(status: Int, headers: HTTPHeaders = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The largest body the SDK's transports accept by default: 32 MiB (`URLSessionTransport` and
    /// `AsyncHTTPClientTransport` take another limit as `maximumResponseBodySize`). The service's JSON answers are
    /// kilobytes; the limit stops a hostile or broken server (or a small compressed answer that unpacks to
    /// gigabytes) from exhausting memory.
    public static let defaultMaximumBodySize = 32 * 1024 * 1024

    /// Whether the status is in 200...299.
    public var isSuccess: Bool { (200...299).contains(status) }
}
