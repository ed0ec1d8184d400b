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

        /// Validates every field (all required, not blank) before anything is sent.
        init(
            transformName: String, sourceProjectId: String, sourceIModelId: String, targetProjectId: String,
            targetIModelId: String, comment: String, repositoryFederationGuid: String?
        ) throws {
            let fields = [
                ("transformName", transformName), ("sourceProjectId", sourceProjectId),
                ("sourceIModelId", sourceIModelId), ("targetProjectId", targetProjectId),
                ("targetIModelId", targetIModelId), ("comment", comment),
            ]
            for (name, value) in fields { try InputValidation.required(value, named: name) }
            try InputValidation.optional(
                repositoryFederationGuid, named: "repositoryFederationGuid", absentMeans: "import the whole iModel")
            self.transformName = transformName
            self.sourceProjectId = sourceProjectId
            self.sourceIModelId = sourceIModelId
            self.targetProjectId = targetProjectId
            self.targetIModelId = targetIModelId
            self.comment = comment
            self.transformParameters = repositoryFederationGuid.map { Parameters(fedGuidsOfRepositoriesToExport: [$0]) }
        }
    }

    /// `POST /transformations/`.
    struct Run: Encodable {
        var configurationId: String
    }
}
