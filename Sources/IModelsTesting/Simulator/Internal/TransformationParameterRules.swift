import Foundation
import IModelsClient

/// The shape of the `transformParameters` of each configuration type beyond ImportIModel, as the type pages describe
/// them ("Configuration specific properties explained"), and the simulator's stricter choices where they are silent:
/// the parameters are required, unknown members are refused, lists the filter needs must not be empty.
indirect enum ParameterShape: Sendable {
    /// A string, not blank.
    case string
    /// `true` or `false`.
    case bool
    /// An integer of at least `minimum`.
    case int(minimum: Int)
    /// A list of items of one shape; `nonEmpty` refuses `[]`.
    case list(ParameterShape, nonEmpty: Bool)
    /// An object with these members (name → shape, required); any other member is refused.
    case object([String: (ParameterShape, required: Bool)])
    /// Any non-empty object (a view's `clip`).
    case anyObject

    /// The members of each type's parameters.
    static let rules: [String: ParameterShape] = [
        "FilterIModel": .object([
            "ecSql": (.string, true), "inclusive": (.bool, false), "includeChildren": (.bool, false),
        ]),
        "FilterByViewDefinition": .object([
            "models": (.list(.string, nonEmpty: true), true), "categories": (.list(.string, nonEmpty: true), true),
            "hiddenModels": (.list(.string, nonEmpty: false), false),
            "hiddenCategories": (.list(.string, nonEmpty: false), false),
            "neverDrawn": (.list(.string, nonEmpty: false), false),
            "alwaysDrawn": (.list(.string, nonEmpty: false), false), "isAlwaysDrawnExclusive": (.bool, false),
            "subCategoryOvr": (
                .list(.object(["subCategory": (.string, true), "invisible": (.bool, false)]), nonEmpty: false), false
            ),
            "clip": (.anyObject, false),
        ]),
        "FilterSubCategories": .object(["subCategoryNames": (.list(.string, nonEmpty: true), true)]),
        "FilterBySavedView": .object(["savedViewId": (.string, true), "viewMode": (.string, false)]),
        "CombineIModels": .object([
            "iModels": (
                .list(.object(["iModelId": (.string, true), "projectId": (.string, true)]), nonEmpty: true), true
            )
        ]),
        "CombinePhysicalModels": .object([
            "numberOfModels": (.int(minimum: 1), true), "simplifyGeometry": (.bool, false),
        ]),
        "CombinePhysicalModelsV2": .object([
            "modelGroups": (
                .list(
                    .object(["targetModelName": (.string, true), "sourceModelsQuery": (.string, true)]), nonEmpty: true),
                true
            ),
            "groupUnselectedModels": (.bool, false), "unselectedModelsGroupName": (.string, false),
            "simplifyGeometry": (.bool, false),
        ]),
        "AlignIModelData": .object([
            "schemaOptimizationOptions": (
                .object([
                    "removeUnusedClasses": (.bool, false),
                    "classMergingGroups": (
                        .list(
                            .object([
                                "sourceECClasses": (
                                    .list(
                                        .object(["ecClassName": (.string, true), "ecSchemaName": (.string, true)]),
                                        nonEmpty: true), true
                                ),
                                "targetECClass": (.string, true),
                            ]), nonEmpty: false), false
                    ),
                ]), false
            ),
            "dataRemappingOptions": (
                .object([
                    "additionalECSchemas": (
                        .list(
                            .object(["ecSchemaName": (.string, true), "ecSchemaVersion": (.string, true)]),
                            nonEmpty: false), false
                    ),
                    "elementGroups": (
                        .list(
                            .object(["targetECClass": (.string, true), "elementPropertyQuery": (.string, true)]),
                            nonEmpty: false), false
                    ),
                ]), false
            ),
        ]),
    ]

    /// Checks `value` at `path` against the shape, rejecting the first problem as the service would (`422`).
    func check(_ value: JSONValue, at path: String, body: RequestBody) throws {
        switch self {
        case .string:
            guard let text = value.stringValue else { throw body.invalidValue(path, "The value must be a string.") }
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw body.invalidValue(path, "The value must not be blank.")
            }
        case .bool:
            guard value.boolValue != nil else { throw body.invalidValue(path, "The value must be true or false.") }
        case .int(let minimum):
            guard let number = value.intValue else { throw body.invalidValue(path, "The value must be an integer.") }
            if number < minimum { throw body.invalidValue(path, "The value must be at least \(minimum).") }
        case .list(let item, let nonEmpty):
            guard case .array(let items) = value else { throw body.invalidValue(path, "The value must be an array.") }
            if nonEmpty && items.isEmpty { throw body.invalidValue(path, "The value must not be empty.") }
            for (index, element) in items.enumerated() { try item.check(element, at: "\(path)[\(index)]", body: body) }
        case .anyObject:
            guard case .object(let members) = value, !members.isEmpty else {
                throw body.invalidValue(path, "The value must be a non-empty object.")
            }
        case .object(let shape):
            guard case .object(let members) = value else {
                throw body.invalidValue(path, "The value must be an object.")
            }
            if let unknown = members.keys.sorted().first(where: { shape[$0] == nil }) {
                throw Rejection(
                    body.reject(
                        .init(
                            code: "InvalidRequestBody", message: "Property '\(unknown)' is not allowed.",
                            target: "\(path).\(unknown)")))
            }
            for (name, (member, required)) in shape.sorted(by: { $0.key < $1.key }) {
                guard let found = members[name], found != .null else {
                    if required { throw body.missingProperty("\(path).\(name)") }
                    continue
                }
                try member.check(found, at: "\(path).\(name)", body: body)
            }
        }
    }
}

extension SimulatorState {
    /// Validates the `transformParameters` of a type with rules, and the rules between members the shapes cannot say.
    func checkParameters(of type: String, in body: RequestBody) throws -> JSONValue? {
        guard let shape = ParameterShape.rules[type] else { return nil }
        guard let parameters = body.members["transformParameters"], parameters != .null else {
            throw body.missingProperty("transformParameters")
        }
        try shape.check(parameters, at: "transformParameters", body: body)
        let members = parameters.objectValue ?? [:]
        switch type {
        case "FilterIModel"
        where members["includeChildren"]?.boolValue == true && members["inclusive"]?.boolValue != true:
            throw body.invalidValue(
                "transformParameters.includeChildren", "includeChildren applies only when inclusive is true.")
        case "CombinePhysicalModelsV2"
        where members["groupUnselectedModels"]?.boolValue == true && members["unselectedModelsGroupName"] == nil:
            throw body.missingProperty("transformParameters.unselectedModelsGroupName")
        case "AlignIModelData" where members.isEmpty:
            throw body.missingProperty("transformParameters.schemaOptimizationOptions")
        case "CombineIModels":
            guard case .array(let items)? = members["iModels"] else { break }
            for item in items {
                let object = item.objectValue ?? [:]
                guard let id = object["iModelId"]?.stringValue, let project = object["projectId"]?.stringValue,
                    let record = iModels[id], record.iTwinId == project
                else { throw Rejection(Self.iModelNotFound) }
            }
        default:
            break
        }
        return parameters
    }
}
