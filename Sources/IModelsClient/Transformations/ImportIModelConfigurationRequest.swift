import Foundation

/// The body of "Create ImportIModel configuration" (seed `004`): all six fields are required, and an optional
/// repository limits the import to the data of one RepositoryLink.
public struct ImportIModelConfigurationRequest: Sendable, Hashable {
    /// The user-friendly name of the transformation.
    public var transformName: String
    /// The iTwin (project) of the source iModel.
    public var sourceProjectId: String
    /// The source iModel.
    public var sourceIModelId: String
    /// The iTwin (project) of the target iModel.
    public var targetProjectId: String
    /// The target iModel.
    public var targetIModelId: String
    /// The comment of the changeset the run pushes to the target.
    public var comment: String
    /// The federation GUID of the RepositoryLink whose data to import; `nil` imports the whole iModel.
    public var repositoryFederationGuid: String?

    /// Creates a request.
    public init(
        transformName: String, sourceProjectId: String, sourceIModelId: String, targetProjectId: String,
        targetIModelId: String, comment: String, repositoryFederationGuid: String? = nil
    ) {
        self.transformName = transformName
        self.sourceProjectId = sourceProjectId
        self.sourceIModelId = sourceIModelId
        self.targetProjectId = targetProjectId
        self.targetIModelId = targetIModelId
        self.comment = comment
        self.repositoryFederationGuid = repositoryFederationGuid
    }
}
