/// The kind of a transformation configuration (`transformType`), as an open set: new kinds appear over time.
public struct TransformType: OpenStringValue {
    /// The type as the server spelled it.
    public let rawValue: String

    /// Creates a type from its wire spelling.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Imports a whole iModel, or the data of one repository, into a target iModel.
    public static let importIModel: TransformType = "ImportIModel"
    /// Merges a fork into its main iModel (or the main iModel into a fork).
    public static let mergeIModel: TransformType = "MergeIModel"
    /// Gives every element of an iModel that has none a FederationGuid.
    public static let populateFederationGuids: TransformType = "PopulateFederationGuids"
}
