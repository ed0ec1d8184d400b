import Foundation

/// The JSON bodies the Transformations API v1 takes.
enum TransformationsRequestBodies {
    /// The create-configuration body every type shares: the six fields of seed `004` and the type's
    /// `transformParameters` (left out when there are none).
    struct Configuration: Encodable, Sendable {
        var transformName: String
        var sourceProjectId: String
        var sourceIModelId: String
        var targetProjectId: String
        var targetIModelId: String
        var comment: String
        var transformParameters: (any Encodable & Sendable)?

        /// The body of the configuration `ends` with `transformParameters`, every field validated (all required, not
        /// blank) before anything is sent.
        init(_ ends: some ConfigurationEnds, transformParameters: (any Encodable & Sendable)?) throws {
            let fields = [
                ("transformName", ends.transformName), ("sourceProjectId", ends.sourceProjectId),
                ("sourceIModelId", ends.sourceIModelId), ("targetProjectId", ends.targetProjectId),
                ("targetIModelId", ends.targetIModelId), ("comment", ends.comment),
            ]
            for (name, value) in fields { try InputValidation.required(value, named: name) }
            transformName = ends.transformName
            sourceProjectId = ends.sourceProjectId
            sourceIModelId = ends.sourceIModelId
            targetProjectId = ends.targetProjectId
            targetIModelId = ends.targetIModelId
            comment = ends.comment
            self.transformParameters = transformParameters
        }

        private enum CodingKeys: String, CodingKey {
            case transformName, sourceProjectId, sourceIModelId, targetProjectId, targetIModelId, comment
            case transformParameters
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(transformName, forKey: .transformName)
            try container.encode(sourceProjectId, forKey: .sourceProjectId)
            try container.encode(sourceIModelId, forKey: .sourceIModelId)
            try container.encode(targetProjectId, forKey: .targetProjectId)
            try container.encode(targetIModelId, forKey: .targetIModelId)
            try container.encode(comment, forKey: .comment)
            if let transformParameters { try container.encode(transformParameters, forKey: .transformParameters) }
        }
    }

    /// ImportIModel's parameters: the repositories an import is limited to (one, when the SDK sends it; absent from a
    /// configuration read back that imports the whole iModel).
    struct ImportParameters: Codable, Sendable {
        var fedGuidsOfRepositoriesToExport: [String]?
    }

    /// `POST /transformations/`.
    struct Run: Encodable {
        var configurationId: String
    }
}
