/// An HTTP request method.
///
/// Known methods are static members; ``isIdempotent`` decides whether the pipeline may resend a request
/// whose outcome is unknown.
public struct HTTPMethod: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The method as sent on the wire, for example `"GET"`.
    public let rawValue: String

    /// Creates a method from its wire spelling.
    public init(rawValue: String) {
        self.rawValue = rawValue.uppercased()
    }

    /// `GET`.
    public static let get = HTTPMethod(rawValue: "GET")
    /// `POST`.
    public static let post = HTTPMethod(rawValue: "POST")
    /// `PUT`.
    public static let put = HTTPMethod(rawValue: "PUT")
    /// `PATCH`.
    public static let patch = HTTPMethod(rawValue: "PATCH")
    /// `DELETE`.
    public static let delete = HTTPMethod(rawValue: "DELETE")

    /// Whether sending the request twice has the same effect as sending it once (GET, HEAD, PUT, DELETE, OPTIONS).
    public var isIdempotent: Bool {
        ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].contains(rawValue)
    }

    /// The wire spelling.
    public var description: String { rawValue }
}
