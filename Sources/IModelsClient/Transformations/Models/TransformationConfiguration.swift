import Foundation

/// A transformation configuration (`{"configuration": {…}}`): what to transform from where to where. Creating one
/// does not run it; see ``TransformationsAPI/run(configurationId:enableQueueing:)``.
public struct TransformationConfiguration: Sendable, Hashable, Codable, Identifiable {
    /// The `_links` of a configuration.
    public struct Links: Sendable, Hashable, Codable {
        /// The source iModel.
        public var sourceIModel: Link?
        /// The target iModel.
        public var targetIModel: Link?
        /// The source iTwin (project).
        public var sourceProject: Link?
        /// The target iTwin (project).
        public var targetProject: Link?

        /// Creates links.
        public init(
            sourceIModel: Link? = nil, targetIModel: Link? = nil, sourceProject: Link? = nil,
            targetProject: Link? = nil
        ) {
            self.sourceIModel = sourceIModel
            self.targetIModel = targetIModel
            self.sourceProject = sourceProject
            self.targetProject = targetProject
        }
    }

    /// The configuration's id.
    public var id: String
    /// The user-friendly name.
    public var transformName: String
    /// The comment of the changeset a run pushes.
    public var comment: String?
    /// When it was created.
    public var createdDateTime: Date?
    /// When it was last modified.
    public var modifiedDateTime: Date?
    /// The kind of transformation.
    public var transformType: TransformType
    /// The type-specific parameters.
    public var parameters: TransformParameters
    /// Links to the source and target.
    public var links: Links?

    /// Creates a configuration value (for tests and the simulator).
    public init(
        id: String, transformName: String, comment: String? = nil, createdDateTime: Date? = nil,
        modifiedDateTime: Date? = nil, transformType: TransformType, parameters: TransformParameters = .none,
        links: Links? = nil
    ) {
        self.id = id
        self.transformName = transformName
        self.comment = comment
        self.createdDateTime = createdDateTime
        self.modifiedDateTime = modifiedDateTime
        self.transformType = transformType
        self.parameters = parameters
        self.links = links
    }

    /// The source iModel's id, read from `_links.sourceIModel`.
    public var sourceIModelId: String? { links?.sourceIModel.flatMap(Self.lastSegment) }
    /// The target iModel's id, read from `_links.targetIModel`.
    public var targetIModelId: String? { links?.targetIModel.flatMap(Self.lastSegment) }
    /// The source iTwin's (project's) id, read from `_links.sourceProject`.
    var sourceProjectId: String? { links?.sourceProject.flatMap(Self.lastSegment) }
    /// The target iTwin's (project's) id, read from `_links.targetProject`.
    var targetProjectId: String? { links?.targetProject.flatMap(Self.lastSegment) }

    private static func lastSegment(_ link: Link) -> String? {
        URL(string: link.href).map(\.lastPathComponent).flatMap { $0.isEmpty || $0 == "/" ? nil : $0 }
    }

    private enum CodingKeys: String, CodingKey {
        case id, transformName, comment, createdDateTime, modifiedDateTime, transformType, transformParameters
        case links = "_links"
    }

    /// Decodes a configuration by its `transformType`; only `id` is required. A modelled type keeps the parameters it
    /// models (ImportIModel its federation GUIDs, MergeIModel and PopulateFederationGuids none, every other modelled
    /// type its parameters struct); parameters that do not have the documented shape, and those of a type this SDK
    /// does not model, are kept raw (``TransformParameters/unknown(_:)``). A member a modelled type does not know (one
    /// the service adds later) is not kept: the typed value holds what the SDK models.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        transformName = container.decodeLeniently(String.self, forKey: .transformName) ?? ""
        comment = container.decodeLeniently(String.self, forKey: .comment)
        createdDateTime = container.decodeServiceDate(forKey: .createdDateTime)
        modifiedDateTime = container.decodeServiceDate(forKey: .modifiedDateTime)
        transformType = container.decodeLeniently(TransformType.self, forKey: .transformType) ?? ""
        links = container.decodeLeniently(Links.self, forKey: .links)
        let raw = container.decodeLeniently(JSONValue.self, forKey: .transformParameters)
        let present = raw.map { $0 != .null && $0 != .object([:]) } ?? false
        func typed<Value: Decodable>(_ type: Value.Type, _ wrap: (Value) -> TransformParameters) -> TransformParameters
        {
            guard present, let raw else { return .none }
            return container.decodeLeniently(type, forKey: .transformParameters).map(wrap) ?? .unknown(raw)
        }
        switch transformType {
        case .importIModel:
            let guids =
                container.decodeLeniently(
                    TransformationsRequestBodies.ImportParameters.self, forKey: .transformParameters)?
                .fedGuidsOfRepositoriesToExport ?? []
            parameters = guids.isEmpty ? .none : .importIModel(fedGuidsOfRepositoriesToExport: guids)
        case .mergeIModel, .populateFederationGuids: parameters = .none
        case .filterIModel: parameters = typed(FilterIModelParameters.self, TransformParameters.filterIModel)
        case .filterByViewDefinition:
            parameters = typed(FilterByViewDefinitionParameters.self, TransformParameters.filterByViewDefinition)
        case .filterSubCategories:
            parameters = typed(FilterSubCategoriesParameters.self, TransformParameters.filterSubCategories)
        case .filterBySavedView:
            parameters = typed(FilterBySavedViewParameters.self, TransformParameters.filterBySavedView)
        case .combineIModels: parameters = typed(CombineIModelsParameters.self, TransformParameters.combineIModels)
        case .combinePhysicalModels:
            parameters = typed(CombinePhysicalModelsParameters.self, TransformParameters.combinePhysicalModels)
        case .combinePhysicalModelsV2:
            parameters = typed(CombinePhysicalModelsV2Parameters.self, TransformParameters.combinePhysicalModelsV2)
        case .alignIModelData:
            // Both options are optional, so any object decodes: one with neither is not the documented shape.
            parameters = typed(AlignIModelDataParameters.self) {
                $0.schemaOptimizationOptions == nil && $0.dataRemappingOptions == nil
                    ? raw.map(TransformParameters.unknown) ?? .none : .alignIModelData($0)
            }
        default:
            parameters = present ? raw.map(TransformParameters.unknown) ?? .none : .none
        }
    }

    /// Encodes the documented shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(transformName, forKey: .transformName)
        try container.encode(comment, forKey: .comment)
        try container.encodeServiceDate(createdDateTime, forKey: .createdDateTime)
        try container.encodeServiceDate(modifiedDateTime, forKey: .modifiedDateTime)
        try container.encode(transformType, forKey: .transformType)
        switch parameters {
        case .none: break
        case .importIModel(let guids):
            try container.encode(
                TransformationsRequestBodies.ImportParameters(fedGuidsOfRepositoriesToExport: guids),
                forKey: .transformParameters)
        case .filterIModel(let value): try container.encode(value, forKey: .transformParameters)
        case .filterByViewDefinition(let value): try container.encode(value, forKey: .transformParameters)
        case .filterSubCategories(let value): try container.encode(value, forKey: .transformParameters)
        case .filterBySavedView(let value): try container.encode(value, forKey: .transformParameters)
        case .combineIModels(let value): try container.encode(value, forKey: .transformParameters)
        case .combinePhysicalModels(let value): try container.encode(value, forKey: .transformParameters)
        case .combinePhysicalModelsV2(let value): try container.encode(value, forKey: .transformParameters)
        case .alignIModelData(let value): try container.encode(value, forKey: .transformParameters)
        case .unknown(let raw): try container.encode(raw, forKey: .transformParameters)
        }
        try container.encodeIfPresent(links, forKey: .links)
    }
}
