/// The state of an iModel's creation (`createOperation.state`), as an open set.
///
/// Unknown states decode instead of failing. Comparison ignores ASCII case, and the older spelling
/// `sourceIsMissingFederationGuids` equals ``mainIModelIsMissingFederationGuids``.
public struct CreateOperationState: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The state as the server spelled it.
    public let rawValue: String

    /// Creates a state from its wire spelling.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a state from a string literal.
    public init(stringLiteral value: String) { self.rawValue = value }
    /// Decodes the state from a string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    /// Encodes the wire spelling.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// Creation is scheduled or in progress.
    public static let scheduled: CreateOperationState = "scheduled"
    /// The baseline file upload has not completed yet.
    public static let waitingForFile: CreateOperationState = "waitingForFile"
    /// Creation finished; the iModel is complete.
    public static let successful: CreateOperationState = "successful"
    /// Creation failed.
    public static let failed: CreateOperationState = "failed"
    /// A fork failed because elements of the main iModel have no FederationGuid; run PopulateFederationGuids on the
    /// main iModel and fork again.
    public static let mainIModelIsMissingFederationGuids: CreateOperationState = "mainIModelIsMissingFederationGuids"

    private var canonical: String {
        let lowered = rawValue.lowercased()
        return lowered == "sourceismissingfederationguids" ? "mainimodelismissingfederationguids" : lowered
    }

    /// Whether the state is one of the documented values.
    public var isKnown: Bool {
        [Self.scheduled, .waitingForFile, .successful, .failed, .mainIModelIsMissingFederationGuids].contains(self)
    }
    /// Whether creation has ended in failure (`failed` or missing FederationGuids).
    public var isFailure: Bool { self == .failed || self == .mainIModelIsMissingFederationGuids }
    /// Whether creation has ended, successfully or not.
    public var isTerminal: Bool { self == .successful || isFailure }

    /// Compares canonical spellings.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.canonical == rhs.canonical }
    /// Hashes the canonical spelling.
    public func hash(into hasher: inout Hasher) { hasher.combine(canonical) }
    /// The wire spelling.
    public var description: String { rawValue }
}
