/// The body of "Create MergeIModel configuration": merges the source iModel into the target, for example a fork
/// (source) into its main iModel (target), or the main iModel into a fork to pull its new changes.
///
/// The public page could not be read in full: this SDK sends the ImportIModel fields without `transformParameters`
/// (see `TransformationsContract`). Both iModels must have FederationGuids on all elements, and the fork must come
/// from the iModels Fork operation.
public struct MergeIModelConfigurationRequest: Sendable, Hashable {
    /// The user-friendly name of the transformation.
    public var transformName: String
    /// The iTwin (project) of the source iModel.
    public var sourceProjectId: String
    /// The iModel whose changes are merged (for example the fork).
    public var sourceIModelId: String
    /// The iTwin (project) of the target iModel.
    public var targetProjectId: String
    /// The iModel that receives the changes (for example the main iModel).
    public var targetIModelId: String
    /// The comment of the changeset the run pushes to the target.
    public var comment: String

    /// Creates a request.
    public init(
        transformName: String, sourceProjectId: String, sourceIModelId: String, targetProjectId: String,
        targetIModelId: String, comment: String
    ) {
        self.transformName = transformName
        self.sourceProjectId = sourceProjectId
        self.sourceIModelId = sourceIModelId
        self.targetProjectId = targetProjectId
        self.targetIModelId = targetIModelId
        self.comment = comment
    }
}
