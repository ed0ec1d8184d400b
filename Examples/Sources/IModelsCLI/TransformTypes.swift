import Foundation
import IModelsClient

/// The configuration types `imodels transform` knows: their spelling, and a check of their parameters before
/// anything is sent. Any other type (letters and digits) is sent as given, with its parameters unchecked.
public enum TransformTypes {
    /// A type whose parameters the SDK models.
    public struct Known: Sendable {
        /// The type.
        public var type: TransformType
        /// Decodes a parameters object into the SDK's type and runs its ``ConfigurationParameters/validate()``.
        let check: @Sendable (Data) throws -> Void

        init<Parameters: ConfigurationParameters & Decodable>(_ parameters: Parameters.Type) {
            type = Parameters.transformType
            check = { data in try JSONDecoder().decode(Parameters.self, from: data).validate() }
        }
    }

    /// Every type whose `transformParameters` the SDK models (ImportIModel, MergeIModel and PopulateFederationGuids
    /// have commands of their own: `import`, `run`).
    public static let known: [Known] = [
        Known(FilterIModelParameters.self), Known(FilterByViewDefinitionParameters.self),
        Known(FilterSubCategoriesParameters.self), Known(FilterBySavedViewParameters.self),
        Known(CombineIModelsParameters.self), Known(CombinePhysicalModelsParameters.self),
        Known(CombinePhysicalModelsV2Parameters.self), Known(AlignIModelDataParameters.self),
    ]

    /// The known types' names, comma-separated, for `--help`.
    public static var names: String { known.map(\.type.rawValue).joined(separator: ", ") }

    /// Whether `type` can name a configuration type: ASCII letters and digits only (the type names the create path).
    public static func isWellFormed(_ type: String) -> Bool {
        !type.isEmpty && type.unicodeScalars.allSatisfy { $0.isASCII && CharacterSet.alphanumerics.contains($0) }
    }

    /// The type to send for `type`: a known type in its documented spelling (`filterimodel` → `FilterIModel`), any
    /// other as given.
    public static func resolve(_ type: String) -> TransformType {
        known.first { $0.type.rawValue.lowercased() == type.lowercased() }?.type ?? TransformType(rawValue: type)
    }

    /// Why parameters were refused; its description names the file and the type.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// What is wrong, naming the file.
        public var description: String
    }

    /// Checks `parameters`, read from `file` (`-` for standard input), against the SDK's model of a known `type`:
    /// the documented members and their types, then the type's ``ConfigurationParameters/validate()`` rules. Does
    /// nothing for another type (the service checks those). Members the SDK does not model are left to the service.
    public static func check(_ parameters: JSONValue, of type: TransformType, file: String) throws(Problem) {
        guard let known = known.first(where: { $0.type == type }) else { return }
        let name = file == "-" ? "standard input" : TerminalText.line(file)
        do {
            try known.check(try JSONEncoder().encode(parameters))
        } catch let error as DecodingError {
            throw Problem(
                description: "\(name) does not hold \(type.rawValue) parameters as documented: \(describe(error)).")
        } catch ITwinClientError.invalidRequest(let message) {
            throw Problem(description: "\(name): \(type.rawValue) parameters: \(TerminalText.line(message))")
        } catch {
            throw Problem(description: "\(name): \(type.rawValue) parameters: \(TerminalText.line("\(error)"))")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey], _ last: String? = nil) -> String {
            let names = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue } + (last.map { [$0] } ?? [])
            return names.isEmpty
                ? "the top level" : names.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(TerminalText.line(path(context.codingPath, key.stringValue))) is missing"
        case .typeMismatch(let type, let context):
            return "\(TerminalText.line(path(context.codingPath))) must be \(typeName(type))"
        case .valueNotFound(let type, let context):
            return "\(TerminalText.line(path(context.codingPath))) must be \(typeName(type)), not null"
        case .dataCorrupted(let context):
            return "\(TerminalText.line(path(context.codingPath))): \(TerminalText.line(context.debugDescription))"
        @unknown default:
            return TerminalText.line("\(error)")
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Double.Type: return "a number"
        case is [Any].Type: return "an array"
        default:
            let name = "\(type)"
            return name.hasPrefix("Array") ? "an array" : (name.hasPrefix("Dictionary") ? "an object" : "a \(name)")
        }
    }
}
