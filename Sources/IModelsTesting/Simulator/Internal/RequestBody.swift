import IModelsClient

/// Reads a request's JSON object field by field the way the service validates it: unknown properties, missing
/// required properties and wrong types are rejected with `422`.
struct RequestBody {
    let members: [String: JSONValue]
    /// Makes the `422` answer for a problem with the body.
    let reject: (SimulatorReply.Detail) -> HTTPResponse

    /// Parses the request's body, rejecting a missing or non-object body.
    init(
        _ request: SimulatorRequest, allowed: Set<String>,
        missing: @autoclosure () -> HTTPResponse,
        reject: @escaping (SimulatorReply.Detail) -> HTTPResponse
    ) throws {
        self.reject = reject
        switch request.jsonObject {
        case .missing:
            throw Rejection(missing())
        case .invalid:
            throw Rejection(
                reject(.init(code: "InvalidRequestBody", message: "Request body is not a valid JSON object.")))
        case .object(let members):
            self.members = members
        }
        if let unknown = members.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw Rejection(
                reject(
                    .init(code: "InvalidRequestBody", message: "Property '\(unknown)' is not allowed.", target: unknown)
                ))
        }
    }

    func contains(_ key: String) -> Bool { members[key] != nil }

    /// A string property; `required` rejects a missing or blank one.
    func string(_ key: String, required: Bool = false, maxLength: Int? = nil) throws -> String? {
        guard let value = members[key], value != .null else {
            if required { throw missingProperty(key) }
            return nil
        }
        guard let text = value.stringValue else { throw invalidValue(key, "The value must be a string.") }
        if required && text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw missingProperty(key) }
        if let maxLength, text.count > maxLength {
            throw invalidValue(key, "The value exceeds allowed \(maxLength) characters.")
        }
        return text
    }

    /// An integer property.
    func int(_ key: String, minimum: Int? = nil) throws -> Int? {
        guard let value = members[key], value != .null else { return nil }
        guard let number = value.intValue else { throw invalidValue(key, "The value must be an integer.") }
        if let minimum, number < minimum { throw invalidValue(key, "The value must be at least \(minimum).") }
        return number
    }

    /// A Boolean property.
    func bool(_ key: String) throws -> Bool? {
        guard let value = members[key], value != .null else { return nil }
        guard let flag = value.boolValue else { throw invalidValue(key, "The value must be true or false.") }
        return flag
    }

    func missingProperty(_ key: String) -> Rejection {
        Rejection(
            reject(
                .init(code: "MissingRequiredProperty", message: "Required property '\(key)' is missing.", target: key)))
    }

    /// `InvalidValue` in the service's words: "Provided 'description' value is not valid. The value exceeds allowed 255
    /// characters." (the wording Bentley's TypeScript client's integration tests expect, iTwin/imodels-clients,
    /// tests/imodels-clients-tests/src/integration/management/IModelOperations.test.ts); `reason` is the second sentence.
    func invalidValue(_ key: String, _ reason: String) -> Rejection {
        Rejection(
            reject(
                .init(code: "InvalidValue", message: "Provided '\(key)' value is not valid. \(reason)", target: key)))
    }
}
