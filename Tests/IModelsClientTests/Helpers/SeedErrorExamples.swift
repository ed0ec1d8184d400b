import Foundation

/// One `{"error":{"code","message"}}` example of the API pages in `../shared/seeds/`, with the status of the
/// `Response NNN` heading above it.
struct SeedErrorExample: Sendable, CustomStringConvertible {
    var file: String
    var status: Int
    var body: Data
    var code: String
    var message: String

    var description: String { "\(file): \(status) \(code)" }

    /// `shared/seeds` beside the repository (CI lays a copy of `shared/` next to the clone).
    static let seedsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // IModelsClientTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the repository
        .deletingLastPathComponent()
        .appendingPathComponent("shared/seeds")

    /// Every error example of every seed, in file order.
    static func all() throws -> [SeedErrorExample] {
        let files = try FileManager.default.contentsOfDirectory(at: seedsFolder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        return try files.flatMap { try examples(in: Array(Data(contentsOf: $0)), file: $0.lastPathComponent) }
    }

    /// Finds each `"error"` key, takes the JSON object that holds it, and keeps it when it is an error envelope.
    private static func examples(in bytes: [UInt8], file: String) -> [SeedErrorExample] {
        let key = Array(#""error""#.utf8)
        var found: [SeedErrorExample] = []
        var position = 0
        while position + key.count <= bytes.count {
            guard let start = firstIndex(of: key, in: bytes, from: position) else { break }
            position = start + key.count
            guard let open = bytes[..<start].lastIndex(of: UInt8(ascii: "{")),
                let close = matchingBrace(in: bytes, from: open)
            else { continue }
            let body = Data(bytes[open...close])
            guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any], object.count == 1,
                let error = object["error"] as? [String: Any], let code = error["code"] as? String,
                let message = error["message"] as? String
            else { continue }
            let before = String(decoding: bytes[..<open], as: UTF8.self)
            guard let heading = before.matches(of: /Response (\d{3})/).last, let status = Int(heading.output.1) else {
                continue
            }
            found.append(SeedErrorExample(file: file, status: status, body: body, code: code, message: message))
            position = close + 1
        }
        return found
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        return (start...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    /// The index of the `}` closing the object opened at `open`, skipping braces inside strings.
    private static func matchingBrace(in bytes: [UInt8], from open: Int) -> Int? {
        var depth = 0
        var inString = false
        var escaped = false
        for index in open..<bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
        }
        return nil
    }
}
