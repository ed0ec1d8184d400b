import Foundation

/// A URL path pattern: segments separated by `/`, where `*` matches any one segment and a trailing `**` matches the
/// rest. `"/imodels/*/clone"` matches `/imodels/abc/clone`. Matching uses the percent-decoded path.
public struct PathPattern: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The pattern text.
    public let pattern: String

    /// Creates a pattern.
    public init(_ pattern: String) { self.pattern = pattern }
    /// Creates a pattern from a string literal.
    public init(stringLiteral value: String) { self.pattern = value }

    /// Whether the path (percent-decoded) matches.
    public func matches(_ path: String) -> Bool {
        let want = Self.segments(pattern)
        let have = Self.segments(path)
        for (index, segment) in want.enumerated() {
            if segment == "**" { return true }
            guard index < have.count else { return false }
            if segment != "*" && segment != have[index] { return false }
        }
        return want.count == have.count
    }

    /// Whether the URL's path matches.
    public func matches(_ url: URL) -> Bool {
        matches(URLComponents(url: url, resolvingAgainstBaseURL: false)?.path ?? url.path)
    }

    /// The pattern text.
    public var description: String { pattern }

    private static func segments(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }
}
