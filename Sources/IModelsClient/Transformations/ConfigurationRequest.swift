/// The body of "Create <type> configuration" for a type the SDK models: the six fields every type takes (seed `004`:
/// all required) and the type's ``ConfigurationParameters``.
///
/// ```swift
/// let config = try await client.transformations.createConfiguration(
///     ConfigurationRequest(
///         transformName: "Piers only", sourceProjectId: iTwin, sourceIModelId: bridge,
///         targetProjectId: iTwin, targetIModelId: piers, comment: "Filtered by the SDK",
///         parameters: FilterIModelParameters(ecSql: "SELECT ECInstanceId FROM bis.PhysicalElement", inclusive: true)))
/// ```
public struct ConfigurationRequest<Parameters: ConfigurationParameters>: Sendable, Hashable {
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
    /// The type's parameters (`transformParameters`).
    public var parameters: Parameters

    /// Creates a request.
    public init(
        transformName: String, sourceProjectId: String, sourceIModelId: String, targetProjectId: String,
        targetIModelId: String, comment: String, parameters: Parameters
    ) {
        self.transformName = transformName
        self.sourceProjectId = sourceProjectId
        self.sourceIModelId = sourceIModelId
        self.targetProjectId = targetProjectId
        self.targetIModelId = targetIModelId
        self.comment = comment
        self.parameters = parameters
    }
}

extension ConfigurationRequest: ConfigurationEnds {}
