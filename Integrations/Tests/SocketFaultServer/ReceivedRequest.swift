import Foundation

/// A request as ``SocketFaultServer`` received it: counted as soon as its head arrived, so a request whose body
/// never came (a head resent without its body) is counted too.
public struct ReceivedRequest: Sendable, Hashable {
    /// The method, for example `POST`.
    public var method: String
    /// The path and query, as sent.
    public var target: String
    /// The header fields, in order.
    public var headers: [String: String]
    /// The body bytes that arrived.
    public var body: Data
    /// Whether the whole body (per `Content-Length` or chunked framing) arrived.
    public var bodyComplete: Bool
    /// The connection it came on (1, 2, …), to tell reused connections from new ones.
    public var connection: Int

    /// The path, without the query.
    public var path: String { String(target.prefix { $0 != "?" }) }

    /// The header's value, its name compared without case.
    public func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
