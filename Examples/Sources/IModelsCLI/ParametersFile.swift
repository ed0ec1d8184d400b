import Foundation
import IModelsClient

/// The `--parameters FILE.json` of `imodels transform`: the configuration's `transformParameters`, read and parsed
/// before anything is sent, so that a missing, unreadable or invalid file is a usage error naming the file.
public enum ParametersFile {
    /// The largest file read: 1 MiB (a configuration's parameters are a few queries and names).
    public static let maximumSize = 1 << 20

    /// Why a parameters file was refused; its description names the file.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// The file as given (`-` for standard input).
        public var file: String
        /// What is wrong with it.
        public var reason: String

        /// Creates the problem.
        public init(file: String, reason: String) {
            self.file = file
            self.reason = reason
        }

        /// `<file>: <reason>`, with the file shown as given (standard input for `-`).
        public var description: String {
            let name = file == "-" ? "standard input" : TerminalText.line(file)
            return "\(name): \(reason)"
        }
    }

    /// Reads `path` (`-` for standard input, read with `standardInput`) and parses it as a JSON object.
    public static func read(
        _ path: String, standardInput: () -> Data = { FileHandle.standardInput.readDataToEndOfFile() }
    ) throws -> JSONValue {
        let data: Data
        if path == "-" {
            data = standardInput()
        } else {
            guard !path.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw Problem(file: path, reason: "the file name must not be blank.")
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw Problem(file: path, reason: "no such file.")
            }
            if isDirectory.boolValue { throw Problem(file: path, reason: "is a folder, not a JSON file.") }
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw Problem(file: path, reason: "cannot be read (\(reason(of: error))).")
            }
        }
        return try parse(data, file: path)
    }

    /// Parses `data`, the content of `file`, as a JSON object (what `transformParameters` must be).
    public static func parse(_ data: Data, file: String) throws -> JSONValue {
        guard data.count <= maximumSize else {
            throw Problem(file: file, reason: "is larger than \(maximumSize / 1024) KiB.")
        }
        guard !data.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            throw Problem(file: file, reason: "is empty: it must hold a JSON object such as {\"ecSql\": \"...\"}.")
        }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw Problem(file: file, reason: "is not valid JSON (\(reason(of: error))).")
        }
        guard case .object = value else {
            throw Problem(
                file: file,
                reason: "must hold a JSON object (the configuration's transformParameters), not \(kind(of: value)).")
        }
        return value
    }

    private static func kind(of value: JSONValue) -> String {
        switch value {
        case .array: return "an array"
        case .string: return "a string"
        case .null: return "null"
        case .object: return "an object"
        case .bool, .number: return "a single value"
        }
    }

    private static func reason(of error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return TerminalText.line(underlying ?? context.debugDescription)
        case let error as CocoaError:
            return TerminalText.line(error.localizedDescription)
        default:
            return TerminalText.line("\(error)")
        }
    }
}
