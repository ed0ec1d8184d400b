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
    /// that says why. DEL and C1 control characters, which `JSONEncoder` leaves as they are, are written as `\u00XX`
    /// escapes (they can only occur inside strings), so the text is safe on a terminal too.
    public static func string(_ value: some Encodable) -> String {
        do {
            return escapingControls(String(decoding: try encoder().encode(value), as: UTF8.self))
        } catch {
            return #"{"encodingError": "\#(String(describing: error).replacingOccurrences(of: "\"", with: "'"))"}"#
        }
    }

    private static func escapingControls(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: TerminalText.isControl) else { return json }
        var result = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            if TerminalText.isControl(scalar) && scalar != "\n" {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
