import Foundation
import IModelsClient

/// The JSON the simulator writes: built independently of the SDK's models, keys in the order given, integers kept
/// as integers, so a test against the simulator checks the SDK's decoding instead of mirroring it.
enum WireJSON: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([WireJSON])
    case object([(String, WireJSON)])

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }

    /// Parses JSON text, or returns `nil` when it is not JSON. Object members come back sorted by key (the SDK's
    /// `JSONValue` keeps no order) and whole numbers as integers.
    init?(parsing data: Data) {
        guard !data.isEmpty, let value = try? JSONDecoder().decode(JSONValue.self, from: data) else { return nil }
        self.init(value)
    }

    /// The same value as a `JSONValue`.
    init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let bool): self = .bool(bool)
        case .number(let number):
            self = number.rounded() == number && abs(number) < 1e15 ? .int(Int(number)) : .double(number)
        case .string(let string): self = .string(string)
        case .array(let items): self = .array(items.map(WireJSON.init))
        case .object(let members):
            self = .object(members.sorted { $0.key < $1.key }.map { ($0.key, WireJSON($0.value)) })
        }
    }

    /// A string, or `null` for `nil`.
    static func optional(_ value: String?) -> WireJSON { value.map(WireJSON.string) ?? .null }

    /// `{"href": url}`.
    static func link(_ href: String) -> WireJSON { .object([("href", .string(href))]) }

    /// The serialized bytes.
    var data: Data { Data(serialized.utf8) }

    var serialized: String {
        var output = ""
        write(into: &output)
        return output
    }

    private func write(into output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .double(let value): output += value.isFinite ? String(value) : "null"
        case .string(let value): Self.writeString(value, into: &output)
        case .array(let values):
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += "," }
                value.write(into: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                Self.writeString(member.0, into: &output)
                output += ":"
                member.1.write(into: &output)
            }
            output += "}"
        }
    }

    private static func writeString(_ value: String, into output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}

extension JSONValue {
    /// The members of an object, or `nil`.
    var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The string, or `nil`.
    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number when it is a whole number, or `nil`.
    var intValue: Int? {
        guard case .number(let value) = self, value.rounded() == value, abs(value) < 1e15 else { return nil }
        return Int(value)
    }

    /// The number, or `nil`.
    var doubleValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The Boolean, or `nil`.
    var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }
}
