import Foundation

extension TransformationsAPI {
    /// Creates a configuration of the type its parameters belong to (`POST /transformations/configurations/<type>`);
    /// it does not run it.
    ///
    /// The six common fields (all required, not blank) and the parameters (``ConfigurationParameters/validate()``)
    /// are checked before anything is sent. Like every create, it is duplicate-safe: if the answer is lost after the
    /// request was sent, the SDK looks up the configuration it made (same name, iModels and projects, created since
    /// the send) before sending again.
    ///
    /// ```swift
    /// let config = try await client.transformations.createConfiguration(
    ///     ConfigurationRequest(
    ///         transformName: "No hidden lines", sourceProjectId: iTwin, sourceIModelId: source,
    ///         targetProjectId: iTwin, targetIModelId: target, comment: "FilterSubCategories",
    ///         parameters: FilterSubCategoriesParameters(subCategoryNames: ["Hidden Lines"])))
    /// ```
    public func createConfiguration<Parameters: ConfigurationParameters>(
        _ request: ConfigurationRequest<Parameters>
    ) async throws -> TransformationConfiguration {
        let body = try request.body(transformParameters: request.parameters)
        try request.parameters.validate()
        try Self.validatePath(of: Parameters.transformType)
        return try await createConfiguration(Parameters.transformType, body: body)
    }

    /// Creates a configuration of a type the SDK does not model yet (or with parameters built by hand), sending
    /// `transformParameters` as given; it does not run it.
    ///
    /// The path is `configurations/<type in lower case>`, as for every documented v1 type, so `type` must be letters
    /// and digits only. The six common fields are validated as for the typed requests; `transformParameters`, when
    /// given, must be a JSON object (the SDK cannot check its members: the service answers `422` for what it refuses).
    /// Duplicate-safe like every create.
    ///
    /// ```swift
    /// let config = try await client.transformations.createConfiguration(
    ///     type: "SomeNewType", transformName: "Try it", sourceProjectId: iTwin, sourceIModelId: source,
    ///     targetProjectId: iTwin, targetIModelId: target, comment: "New type",
    ///     transformParameters: .object(["someOption": .bool(true)]))
    /// ```
    public func createConfiguration(
        type: TransformType, transformName: String, sourceProjectId: String, sourceIModelId: String,
        targetProjectId: String, targetIModelId: String, comment: String, transformParameters: JSONValue? = nil
    ) async throws -> TransformationConfiguration {
        let ends = GenericConfigurationEnds(
            transformName: transformName, sourceProjectId: sourceProjectId, sourceIModelId: sourceIModelId,
            targetProjectId: targetProjectId, targetIModelId: targetIModelId, comment: comment)
        let body = try ends.body(transformParameters: transformParameters)
        try Self.validatePath(of: type)
        switch transformParameters {
        case nil, .object?: break
        default: throw ITwinClientError.invalidRequest("transformParameters must be a JSON object.")
        }
        return try await createConfiguration(type, body: body)
    }
}

extension TransformationsAPI {
    /// The type names the create path (`configurations/<the type in lower case>`), so it must be ASCII
    /// letters and digits only: a type of a caller's own ``ConfigurationParameters`` or of the generic entry point can
    /// never reach another path.
    static func validatePath(of type: TransformType) throws {
        let scalars = type.rawValue.unicodeScalars
        guard !scalars.isEmpty,
            scalars.allSatisfy({ $0.isASCII && CharacterSet.alphanumerics.contains($0) })
        else {
            throw ITwinClientError.invalidRequest(
                "The configuration type must be ASCII letters and digits only (it is '\(type.rawValue)').")
        }
    }
}

/// The common fields of a configuration created through the generic entry point.
struct GenericConfigurationEnds: ConfigurationEnds {
    var transformName: String
    var sourceProjectId: String
    var sourceIModelId: String
    var targetProjectId: String
    var targetIModelId: String
    var comment: String
}
