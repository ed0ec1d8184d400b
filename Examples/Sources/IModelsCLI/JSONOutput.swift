import Foundation

/// `--json` output: the SDK's `Codable` models, encoded with sorted keys, ISO 8601 dates and no escaped slashes.
public enum JSONOutput {
    /// A new encoder with the tool's settings (pretty-printed, sorted keys, ISO 8601 dates).
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// The value as JSON text. The tool's output types always encode; should one not, the text is a JSON object
    /// that says why.
    public static func string(_ value: some Encodable) -> String {
        do {
            return String(decoding: try encoder().encode(value), as: UTF8.self)
        } catch {
            return #"{"encodingError": "\#(String(describing: error).replacingOccurrences(of: "\"", with: "'"))"}"#
        }
    }
}
