import Foundation

/// A URL path pattern: segments separated by `/`, where `*` matches any one segment and a trailing `**` matches the
/// rest. `"/imodels/*/clone"` matches `/imodels/abc/clone`. Each URL path segment is percent-decoded on its own, so an
/// id containing an encoded `/` stays one segment.
public struct PathPattern: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The pattern text.
    public let pattern: String

    /// Creates a pattern.
    public init(_ pattern: String) { self.pattern = pattern }
    /// Creates a pattern from a string literal.
    public init(stringLiteral value: String) { self.pattern = value }

    /// Whether the path, given as decoded segments joined by `/`, matches.
    public func matches(_ path: String) -> Bool {
        matches(segments: Self.segments(path).map(String.init))
    }

    /// Whether the URL's path matches.
    public func matches(_ url: URL) -> Bool {
        let encoded = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? url.path
        return matches(segments: Self.segments(encoded).map { $0.removingPercentEncoding ?? String($0) })
    }

    private func matches(segments have: [String]) -> Bool {
        let want = Self.segments(pattern)
        for (index, segment) in want.enumerated() {
            if segment == "**" { return true }
            guard index < have.count else { return false }
            if segment != "*" && segment != have[index] { return false }
        }
        return want.count == have.count
    }

    /// The pattern text.
    public var description: String { pattern }

    private static func segments(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }
}
