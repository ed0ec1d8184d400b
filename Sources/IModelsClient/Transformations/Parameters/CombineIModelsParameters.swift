/// The parameters of a CombineIModels configuration: imports the configuration's source iModel and then each iModel
/// listed here, in order, into the target, each under a Subject of its own (the last one wins a conflict).
///
/// From the "Create CombineIModels configuration" page: `transformParameters.iModels`, a list of
/// `{ "iModelId", "projectId" }`. The SDK requires at least one iModel (combining the source with nothing is an
/// ImportIModel) and refuses blank ids.
///
/// ```swift
/// CombineIModelsParameters(iModels: [.init(iModelId: second, projectId: iTwin)])
/// ```
public struct CombineIModelsParameters: ConfigurationParameters, Codable {
    /// One more iModel to combine.
    public struct Source: Sendable, Hashable, Codable {
        /// The iModel.
        public var iModelId: String
        /// The iModel's iTwin (project).
        public var projectId: String

        /// Creates an entry.
        public init(iModelId: String, projectId: String) {
            self.iModelId = iModelId
            self.projectId = projectId
        }
    }

    /// `CombineIModels`.
    public static var transformType: TransformType { .combineIModels }

    /// The iModels combined after the configuration's source, in order.
    public var iModels: [Source]

    /// Creates the parameters.
    public init(iModels: [Source]) { self.iModels = iModels }

    /// Refuses an empty list and blank ids.
    public func validate() throws {
        guard !iModels.isEmpty else {
            throw ITwinClientError.invalidRequest("iModels must list at least one iModel to combine.")
        }
        for source in iModels {
            try InputValidation.id(source.iModelId, named: "iModels.iModelId")
            try InputValidation.id(source.projectId, named: "iModels.projectId")
        }
    }
}
