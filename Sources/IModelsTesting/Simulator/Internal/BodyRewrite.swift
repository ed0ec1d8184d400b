import Foundation

/// How a body fault changes the server's normal answer (see ``SimulatorFault/emptyBody``,
/// ``SimulatorFault/oversizedBody(bytes:)``, ``SimulatorFault/unknownEnumValues``,
/// ``SimulatorFault/missingOptionalFields`` and ``SimulatorFault/extraFields``).
enum BodyRewrite: Sendable, CustomStringConvertible {
    case empty
    case oversized(bytes: Int)
    case unknownEnumValues
    case missingOptionalFields
    case extraFields

    /// The name in the request log.
    var description: String {
        switch self {
        case .empty: return "empty body"
        case .oversized(let bytes): return "oversized body (\(bytes) bytes)"
        case .unknownEnumValues: return "unknown enum values"
        case .missingOptionalFields: return "missing optional fields"
        case .extraFields: return "extra fields"
        }
    }

    /// The body as this rewrite changes it; bodies it does not apply to come back unchanged.
    func apply(to body: Data) -> Data {
        switch self {
        case .empty:
            return Data()
        case .oversized(let bytes):
            return Self.pad(body, to: bytes)
        case .unknownEnumValues, .missingOptionalFields, .extraFields:
            guard let json = WireJSON(parsing: body) else { return body }
            return rewrite(json).data
        }
    }

    private func rewrite(_ value: WireJSON) -> WireJSON {
        switch value {
        case .array(let items):
            return .array(items.map(rewrite))
        case .object(let members):
            var result: [(String, WireJSON)] = []
            for (key, member) in members {
                switch self {
                case .unknownEnumValues:
                    if case .string = member, Self.isEnumLike(key) {
                        result.append((key, .string("future" + key.prefix(1).uppercased() + key.dropFirst())))
                    } else {
                        result.append((key, rewrite(member)))
                    }
                case .missingOptionalFields:
                    if case .null = member { continue }
                    if SimulatorFault.optionalMemberNames.contains(key) { continue }
                    result.append((key, rewrite(member)))
                default:
                    result.append((key, rewrite(member)))
                }
            }
            if case .extraFields = self { result += Self.extraMembers }
            return .object(result)
        default:
            return value
        }
    }

    /// `state`, `status`, or a camel-case name ending in `State`, `Status` or `Type` (`transformType`).
    private static func isEnumLike(_ key: String) -> Bool {
        key == "state" || key == "status" || ["State", "Status", "Type"].contains { key.hasSuffix($0) }
    }

    /// The members ``extraFields`` adds to every object: a string, and an object holding every JSON type.
    private static let extraMembers: [(String, WireJSON)] = [
        ("simulatorExtraField", "a member the documentation does not name"),
        (
            "simulatorExtraObject",
            .object([
                ("nested", .array([1, .double(2.5), true, .null, "text", .object([("deeper", .object([]))])]))
            ])
        ),
    ]

    /// A JSON object body with `"simulatorPadding": "xxx…"` inserted first, so that it is at least `bytes` long.
    private static func pad(_ body: Data, to bytes: Int) -> Data {
        guard body.first == UInt8(ascii: "{"), WireJSON(parsing: body) != nil else { return body }
        let isEmptyObject = body.count == 2
        let head = Data(#"{"simulatorPadding":""#.utf8)
        let tail = Data((isEmptyObject ? "\"" : "\",").utf8)
        let padding = max(0, bytes - (body.count - 1) - head.count - tail.count)
        var padded = Data(capacity: head.count + padding + tail.count + body.count)
        padded.append(head)
        padded.append(Data(repeating: UInt8(ascii: "x"), count: padding))
        padded.append(tail)
        padded.append(body.dropFirst())
        return padded
    }
}
