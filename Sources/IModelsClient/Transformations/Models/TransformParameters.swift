/// The type-specific parameters of a configuration (`transformParameters`), decoded by ``TransformType``.
public enum TransformParameters: Sendable, Hashable {
    /// No parameters: an ImportIModel of the whole iModel, a MergeIModel, a PopulateFederationGuids.
    case none
    /// ImportIModel of the data of some repositories (RepositoryLink federation GUIDs; the service allows one).
    case importIModel(fedGuidsOfRepositoriesToExport: [String])
    /// A type this SDK does not model, with its raw parameters kept.
    case unknown(JSONValue)
}
