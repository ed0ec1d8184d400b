/// A hypermedia link of a `_links` object: `{"href": "…"}`.
public struct Link: Sendable, Hashable, Codable {
    /// The target URL as the server sent it.
    public var href: String

    /// Creates a link.
    public init(href: String) { self.href = href }
}
