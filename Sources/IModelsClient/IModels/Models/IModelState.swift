/// The state of an iModel (`iModel.state`): `initialized` once it can be used.
public struct IModelState: OpenStringValue {
    /// The state as the server spelled it.
    public let rawValue: String

    /// Creates a state from its wire spelling.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The iModel is being created and cannot be used yet.
    public static let notInitialized: IModelState = "notInitialized"
    /// The iModel is ready to be used (its create operation may still be finishing).
    public static let initialized: IModelState = "initialized"
}
