/// What every create-configuration request names: the transformation's name, its source and target (project and
/// iModel), and the comment of the changeset its runs push. The body sent is built from these.
protocol ConfigurationEnds {
    var transformName: String { get }
    var sourceProjectId: String { get }
    var sourceIModelId: String { get }
    var targetProjectId: String { get }
    var targetIModelId: String { get }
    var comment: String { get }
    /// The one repository an import is limited to (`nil`: the whole iModel, and every other type).
    var repositoryFederationGuid: String? { get }
}

extension ConfigurationEnds {
    /// No repository: the whole iModel.
    var repositoryFederationGuid: String? { nil }

    /// The wire body without type parameters but an import's repository, every field validated before anything is
    /// sent.
    func body() throws -> TransformationsRequestBodies.Configuration {
        let body = try TransformationsRequestBodies.Configuration(
            self,
            transformParameters: repositoryFederationGuid.map {
                TransformationsRequestBodies.ImportParameters(fedGuidsOfRepositoriesToExport: [$0])
            })
        try InputValidation.optional(
            repositoryFederationGuid, named: "repositoryFederationGuid", absentMeans: "import the whole iModel")
        return body
    }

    /// The wire body with `transformParameters`, every field validated before anything is sent.
    func body(transformParameters: (any Encodable & Sendable)?) throws -> TransformationsRequestBodies.Configuration {
        try TransformationsRequestBodies.Configuration(self, transformParameters: transformParameters)
    }
}

extension ImportIModelConfigurationRequest: ConfigurationEnds {}

extension MergeIModelConfigurationRequest: ConfigurationEnds {}

extension PopulateFederationGuidsConfigurationRequest: ConfigurationEnds {
    /// The iModel's project: a PopulateFederationGuids configuration has the iModel as source and target.
    var sourceProjectId: String { projectId }
    var sourceIModelId: String { iModelId }
    var targetProjectId: String { projectId }
    var targetIModelId: String { iModelId }
}
