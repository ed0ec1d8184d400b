import Foundation

/// A bearer access token and the time it stops being valid, as returned by the fetch of a
/// ``CachingTokenProvider``.
///
/// Its `description`, `debugDescription` and mirror (what `print`, string interpolation, `dump` and debuggers show)
/// redact the token value; only ``expiresAt`` is shown.
public struct AccessToken: Sendable, Hashable {
    /// The token, without the `Bearer ` prefix.
    public var value: String
    /// When the token stops being valid (for an OAuth answer: the time of the answer plus `expires_in`).
    public var expiresAt: Date

    /// Creates the token.
    public init(value: String, expiresAt: Date) {
        self.value = value
        self.expiresAt = expiresAt
    }
}

extension AccessToken: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `AccessToken(<redacted>, expires …)`: never the token itself.
    public var description: String {
        "AccessToken(<redacted>, expires \(expiresAt.formatted(.iso8601)))"
    }

    /// The same as ``description``: never the token itself.
    public var debugDescription: String { description }

    /// A mirror with the value redacted, so `dump` and debuggers do not show the token.
    public var customMirror: Mirror {
        Mirror(self, children: ["value": "<redacted>", "expiresAt": expiresAt], displayStyle: .struct)
    }
}
