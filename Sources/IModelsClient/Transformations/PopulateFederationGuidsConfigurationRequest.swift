/// The body of "Create PopulateFederationGuids configuration": gives every element of one iModel that has a null
/// FederationGuid a new one (needed before forking or merging).
///
/// The public page could not be read in full: this SDK sends the ImportIModel fields with the iModel as both source
/// and target, and no `transformParameters` (see `TransformationsContract`).
public struct PopulateFederationGuidsConfigurationRequest: Sendable, Hashable {
    /// The user-friendly name of the transformation.
    public var transformName: String
    /// The iTwin (project) of the iModel.
    public var projectId: String
    /// The iModel to update.
    public var iModelId: String
    /// The comment of the changeset the run pushes.
    public var comment: String

    /// Creates a request.
    public init(transformName: String, projectId: String, iModelId: String, comment: String) {
        self.transformName = transformName
        self.projectId = projectId
        self.iModelId = iModelId
        self.comment = comment
    }
}
