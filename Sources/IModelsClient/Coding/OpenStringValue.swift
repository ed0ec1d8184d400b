/// A string value of the services (a state, a status, an error code) as an open set: unknown values decode instead
/// of failing, comparison and hashing use ``canonicalValue`` (by default the lower-cased text), and `rawValue` keeps
/// the wire spelling.
public protocol OpenStringValue: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
where RawValue == String {
    /// Creates the value from its wire spelling.
    init(rawValue: String)
    /// The form used for comparison and hashing.
    var canonicalValue: String { get }
}

extension OpenStringValue {
    /// The lower-cased wire spelling.
    public var canonicalValue: String { rawValue.lowercased() }
    /// Creates the value from a string literal.
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    /// Decodes the value from a string.
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }
    /// Encodes the wire spelling.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    /// Compares canonical values.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.canonicalValue == rhs.canonicalValue }
    /// Hashes the canonical value.
    public func hash(into hasher: inout Hasher) { hasher.combine(canonicalValue) }
    /// The wire spelling.
    public var description: String { rawValue }
}
