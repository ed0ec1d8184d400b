/// The status of a transformation run, as an open set (unknown values decode; comparison ignores ASCII case).
public struct TransformationStatus: OpenStringValue {
    /// The status as the server spelled it.
    public let rawValue: String

    /// Creates a status from its wire spelling.
    public init(rawValue: String) { self.rawValue = rawValue }

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
}
