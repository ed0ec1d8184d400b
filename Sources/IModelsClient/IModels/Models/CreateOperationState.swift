/// The state of an iModel's creation (`createOperation.state`), as an open set.
///
/// Unknown states decode instead of failing. Comparison ignores ASCII case, and the older spelling
/// `sourceIsMissingFederationGuids` equals ``mainIModelIsMissingFederationGuids``.
public struct CreateOperationState: OpenStringValue {
    /// The state as the server spelled it.
    public let rawValue: String

    /// Creates a state from its wire spelling.
    public init(rawValue: String) { self.rawValue = rawValue }

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

    /// The lower-cased spelling, with the older `sourceIsMissingFederationGuids` mapped to the current one.
    public var canonicalValue: String {
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
}
