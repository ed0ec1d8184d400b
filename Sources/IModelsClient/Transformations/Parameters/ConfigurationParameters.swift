/// The `transformParameters` of one configuration type: what ``ConfigurationRequest`` sends for it.
///
/// The SDK models every documented type (``FilterIModelParameters``, ``FilterByViewDefinitionParameters``,
/// ``FilterSubCategoriesParameters``, ``FilterBySavedViewParameters``, ``CombineIModelsParameters``,
/// ``CombinePhysicalModelsParameters``, ``CombinePhysicalModelsV2Parameters``, ``AlignIModelDataParameters``). For a
/// type it does not know yet, use
/// ``TransformationsAPI/createConfiguration(type:transformName:sourceProjectId:sourceIModelId:targetProjectId:targetIModelId:comment:transformParameters:)``.
public protocol ConfigurationParameters: Encodable, Sendable, Hashable {
    /// The configuration type these parameters belong to; its create path is `configurations/<type in lower case>`.
    static var transformType: TransformType { get }

    /// Throws ``ITwinClientError/invalidRequest(_:)`` when the parameters break a rule of the type's page (a required
    /// field missing or blank, a limit passed), before anything is sent.
    func validate() throws
}

extension InputValidation {
    /// A list that must hold at least one item, none of them blank.
    static func nonEmptyList(_ values: [String], named name: String) throws {
        guard !values.isEmpty else {
            throw ITwinClientError.invalidRequest("\(name) must hold at least one value.")
        }
        if values.contains(where: isBlank) {
            throw ITwinClientError.invalidRequest("\(name) must not hold a blank value.")
        }
    }

    /// An optional list: absent, or without blank items (an empty list is allowed).
    static func optionalList(_ values: [String]?, named name: String) throws {
        if let values, values.contains(where: isBlank) {
            throw ITwinClientError.invalidRequest("\(name) must not hold a blank value.")
        }
    }
}
