/// The status of a transformation run, as an open set (unknown values decode; comparison ignores ASCII case).
public struct TransformationStatus: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The status as the server spelled it.
    public let rawValue: String

    /// Creates a status from its wire spelling.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a status from a string literal.
    public init(stringLiteral value: String) { self.rawValue = value }
    /// Decodes the status from a string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    /// Encodes the wire spelling.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The run was created.
    public static let created: TransformationStatus = "Created"
    /// The run is preparing.
    public static let initializing: TransformationStatus = "Initializing"
    /// The run is processing elements.
    public static let started: TransformationStatus = "Started"
    /// The run finished successfully.
    public static let succeeded: TransformationStatus = "Succeeded"
    /// The run ended early; the target iModel may be unusable.
    public static let failed: TransformationStatus = "Failed"
    /// The run was cancelled.
    public static let aborted: TransformationStatus = "Aborted"

    /// Whether the status is one of the documented values.
    public var isKnown: Bool { [Self.created, .initializing, .started, .succeeded, .failed, .aborted].contains(self) }
    /// Whether the run has ended (`Succeeded`, `Failed` or `Aborted`).
    public var isTerminal: Bool { self == .succeeded || self == .failed || self == .aborted }

    /// Compares without ASCII case.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawValue.lowercased() == rhs.rawValue.lowercased() }
    /// Hashes the lower-cased status.
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue.lowercased()) }
    /// The wire spelling.
    public var description: String { rawValue }
}
