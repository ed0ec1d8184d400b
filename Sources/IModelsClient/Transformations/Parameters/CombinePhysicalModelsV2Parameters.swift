/// The parameters of a CombinePhysicalModelsV2 configuration (Technology Preview): combines the source's physical
/// models that ECSQL queries select into target physical models with given names.
///
/// From the "Create CombinePhysicalModelsV2 configuration" page: `modelGroups` ("an array of target model names with
/// source model queries"; required), `groupUnselectedModels` (default `false`), `unselectedModelsGroupName` ("you
/// must specify the name if groupUnselectedModels is true") and `simplifyGeometry` (default `false`). The queries must
/// select `ECInstanceId` (by `*` or by name) and pick only physical models sub-modeling a physical partition.
///
/// The page's text does not spell the members of a model group; the SDK sends `targetModelName` and
/// `sourceModelsQuery` (**unconfirmed**, kept in ``ModelGroup``'s coding keys so they are easy to correct), and the
/// simulator takes the same.
///
/// ```swift
/// CombinePhysicalModelsV2Parameters(modelGroups: [
///     .init(targetModelName: "Structure", sourceModelsQuery: "SELECT * FROM bis.PhysicalModel WHERE …")])
/// ```
public struct CombinePhysicalModelsV2Parameters: ConfigurationParameters, Codable {
    /// One target model and the query selecting the source models combined into it.
    public struct ModelGroup: Sendable, Hashable, Codable {
        /// The target physical model's name.
        public var targetModelName: String
        /// The ECSQL query selecting the source physical models (their `ECInstanceId`).
        public var sourceModelsQuery: String

        /// Creates a group.
        public init(targetModelName: String, sourceModelsQuery: String) {
            self.targetModelName = targetModelName
            self.sourceModelsQuery = sourceModelsQuery
        }
    }

    /// `CombinePhysicalModelsV2`.
    public static var transformType: TransformType { .combinePhysicalModelsV2 }

    /// The target models and their source queries; at least one.
    public var modelGroups: [ModelGroup]
    /// Whether the models no query selects are grouped too (default `false`).
    public var groupUnselectedModels: Bool?
    /// The name of the group of unselected models; required when ``groupUnselectedModels`` is `true`.
    public var unselectedModelsGroupName: String?
    /// Whether to simplify geometry (parasolids to meshes); default `false`.
    public var simplifyGeometry: Bool?

    /// Creates the parameters.
    public init(
        modelGroups: [ModelGroup], groupUnselectedModels: Bool? = nil, unselectedModelsGroupName: String? = nil,
        simplifyGeometry: Bool? = nil
    ) {
        self.modelGroups = modelGroups
        self.groupUnselectedModels = groupUnselectedModels
        self.unselectedModelsGroupName = unselectedModelsGroupName
        self.simplifyGeometry = simplifyGeometry
    }

    /// Refuses no groups, a blank name or query, and `groupUnselectedModels: true` without a group name.
    public func validate() throws {
        guard !modelGroups.isEmpty else {
            throw ITwinClientError.invalidRequest("modelGroups must hold at least one model group.")
        }
        for group in modelGroups {
            try InputValidation.required(group.targetModelName, named: "modelGroups.targetModelName")
            try InputValidation.required(group.sourceModelsQuery, named: "modelGroups.sourceModelsQuery")
        }
        if groupUnselectedModels == true {
            guard let name = unselectedModelsGroupName, !InputValidation.isBlank(name) else {
                throw ITwinClientError.invalidRequest(
                    "unselectedModelsGroupName is required when groupUnselectedModels is true.")
            }
        } else {
            try InputValidation.optional(
                unselectedModelsGroupName, named: "unselectedModelsGroupName", absentMeans: "no name")
        }
    }
}
