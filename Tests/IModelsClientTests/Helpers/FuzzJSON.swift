/// A JSON document as a tree the fuzzer can edit and write back as bytes without a `String` round trip: numbers keep
/// their text (so `1e999` and 400-digit integers survive), objects keep their key order and duplicate keys, and
/// `verbatim` holds text that is written as is (an invalid escape, a bare word).
indirect enum FuzzJSON: Sendable, Equatable {
    /// A string with its JSON text, escaped once when it is made, so writing a document copies bytes instead of
    /// escaping every string again.
    struct Text: Sendable, Equatable, ExpressibleByStringLiteral {
        let value: String
        let json: [UInt8]

        init(_ value: String) {
            self.value = value
            var json: [UInt8] = []
            FuzzJSON.writeString(value, into: &json)
            self.json = json
        }

        init(stringLiteral value: String) { self.init(value) }
    }

    /// One member of an object.
    struct Member: Sendable, Equatable {
        var key: Text
        var value: FuzzJSON
    }

    case null
    case bool(Bool)
    case number(String)
    case string(Text)
    case array([FuzzJSON])
    case object([Member])
    case verbatim(String)

    /// An object from key–value pairs, in order.
    static func object(_ pairs: KeyValuePairs<String, FuzzJSON>) -> FuzzJSON {
        .object(pairs.map { Member(key: Text($0.key), value: $0.value) })
    }

    /// The document as UTF-8 bytes.
    var bytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(into: &output)
        return output
    }

    /// Appends the document's text to `output`.
    func write(into output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let text), .verbatim(let text): output.append(contentsOf: text.utf8)
        case .string(let text): output.append(contentsOf: text.json)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                item.write(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                output.append(contentsOf: member.key.json)
                output.append(UInt8(ascii: ":"))
                member.value.write(into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    fileprivate static func writeString(_ text: String, into output: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                output.append(UInt8(ascii: "\\"))
                output.append(byte)
            case 0..<0x20:
                output.append(contentsOf: "\\u00".utf8)
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 15)])
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Every string of the document, keys included, in document order.
    var strings: [String] {
        switch self {
        case .string(let text): return [text.value]
        case .array(let items): return items.flatMap(\.strings)
        case .object(let members): return members.flatMap { [$0.key.value] + $0.value.strings }
        default: return []
        }
    }

    /// Every key of every object of the document.
    var keys: [String] {
        switch self {
        case .array(let items): return items.flatMap(\.keys)
        case .object(let members): return members.flatMap { [$0.key.value] + $0.value.keys }
        default: return []
        }
    }

    /// How many containers deep the document goes (0 for a scalar).
    var depth: Int {
        switch self {
        case .array(let items): return 1 + (items.map(\.depth).max() ?? 0)
        case .object(let members): return 1 + (members.map(\.value.depth).max() ?? 0)
        default: return 0
        }
    }

    /// The value at `key` of an object, or `nil`.
    subscript(key: String) -> FuzzJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key.value == key }?.value
    }
}

extension FuzzJSON {
    /// A parse failure of a seed document.
    struct ParseError: Error, CustomStringConvertible {
        var offset: Int
        var description: String { "not JSON at byte \(offset)" }
    }

    /// Parses a well-formed seed document (any depth the seeds need; not hardened, since seeds are trusted).
    init(parsing data: some Collection<UInt8>) throws {
        var parser = Parser(bytes: Array(data))
        self = try parser.value()
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw ParseError(offset: parser.index) }
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func value() throws -> FuzzJSON {
            skipSpace()
            guard index < bytes.count else { throw ParseError(offset: index) }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var members: [Member] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(members)
                }
                while true {
                    skipSpace()
                    let key = try string()
                    skipSpace()
                    try expect(":")
                    members.append(Member(key: Text(key), value: try value()))
                    skipSpace()
                    if try endOrComma("}") { return .object(members) }
                }
            case UInt8(ascii: "["):
                index += 1
                var items: [FuzzJSON] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(items)
                }
                while true {
                    items.append(try value())
                    skipSpace()
                    if try endOrComma("]") { return .array(items) }
                }
            case UInt8(ascii: "\""):
                return .string(Text(try string()))
            case UInt8(ascii: "t"):
                try word("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try word("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try word("null")
                return .null
            default:
                let start = index
                while index < bytes.count, "+-.eE0123456789".utf8.contains(bytes[index]) { index += 1 }
                guard index > start else { throw ParseError(offset: index) }
                return .number(String(decoding: bytes[start..<index], as: UTF8.self))
            }
        }

        mutating func expect(_ character: Unicode.Scalar) throws {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { throw ParseError(offset: index) }
            index += 1
        }

        mutating func endOrComma(_ end: Unicode.Scalar) throws -> Bool {
            guard index < bytes.count else { throw ParseError(offset: index) }
            index += 1
            if bytes[index - 1] == UInt8(ascii: end) { return true }
            guard bytes[index - 1] == UInt8(ascii: ",") else { throw ParseError(offset: index - 1) }
            return false
        }

        mutating func word(_ text: String) throws {
            let expected = Array(text.utf8)
            guard index + expected.count <= bytes.count, bytes[index..<index + expected.count].elementsEqual(expected)
            else { throw ParseError(offset: index) }
            index += expected.count
        }

        mutating func string() throws -> String {
            try expect("\"")
            var scalars = String.UnicodeScalarView()
            var run: [UInt8] = []
            func flush() {
                scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
                run.removeAll(keepingCapacity: true)
            }
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""):
                    flush()
                    return String(scalars)
                case UInt8(ascii: "\\"):
                    flush()
                    guard index < bytes.count else { throw ParseError(offset: index) }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "n"): scalars.append("\n")
                    case UInt8(ascii: "t"): scalars.append("\t")
                    case UInt8(ascii: "r"): scalars.append("\r")
                    case UInt8(ascii: "b"): scalars.append("\u{8}")
                    case UInt8(ascii: "f"): scalars.append("\u{C}")
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if (0xD800..<0xDC00).contains(code), index + 1 < bytes.count,
                            bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                        {
                            index += 2
                            let low = try hex4()
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        }
                        scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                    default: scalars.append(Unicode.Scalar(escape))
                    }
                default:
                    run.append(byte)
                }
            }
            throw ParseError(offset: index)
        }

        mutating func hex4() throws -> UInt32 {
            guard index + 4 <= bytes.count,
                let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
            else { throw ParseError(offset: index) }
            index += 4
            return code
        }
    }
}
