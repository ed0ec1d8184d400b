import Foundation

/// The JSON bodies the Transformations API v1 takes.
enum TransformationsRequestBodies {
    /// The create-configuration body shared by ImportIModel, MergeIModel and PopulateFederationGuids.
    struct Configuration: Encodable {
        struct Parameters: Encodable {
            var fedGuidsOfRepositoriesToExport: [String]
        }

        var transformName: String
        var sourceProjectId: String
        var sourceIModelId: String
        var targetProjectId: String
        var targetIModelId: String
        var comment: String
        var transformParameters: Parameters?

        /// The body of the configuration `ends`, every field validated (all required, not blank) before anything is
        /// sent; `repositoryFederationGuid` limits an import to one repository.
        init(_ ends: some ConfigurationEnds, repositoryFederationGuid: String?) throws {
            let fields = [
                ("transformName", ends.transformName), ("sourceProjectId", ends.sourceProjectId),
                ("sourceIModelId", ends.sourceIModelId), ("targetProjectId", ends.targetProjectId),
                ("targetIModelId", ends.targetIModelId), ("comment", ends.comment),
            ]
            for (name, value) in fields { try InputValidation.required(value, named: name) }
            try InputValidation.optional(
                repositoryFederationGuid, named: "repositoryFederationGuid", absentMeans: "import the whole iModel")
            transformName = ends.transformName
            sourceProjectId = ends.sourceProjectId
            sourceIModelId = ends.sourceIModelId
            targetProjectId = ends.targetProjectId
            targetIModelId = ends.targetIModelId
            comment = ends.comment
            transformParameters = repositoryFederationGuid.map { Parameters(fedGuidsOfRepositoriesToExport: [$0]) }
        }
    }

    /// `POST /transformations/`.
    struct Run: Encodable {
        var configurationId: String
    }
}
