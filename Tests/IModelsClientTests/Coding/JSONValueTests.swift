import Foundation
import Testing

@testable import IModelsClient

@Suite struct JSONValueTests {
    private func decode(_ json: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
    }

    private func nested(_ levels: Int, open: String, close: String) -> String {
        String(repeating: open, count: levels) + "1" + String(repeating: close, count: levels)
    }

    /// Each kind of value decodes as that kind (`1` is a number, not `true`; `"1"` a string) and round-trips.
    @Test func everyKindOfValueDecodesAsItsKind() throws {
        let value = try decode(#"[true,false,1,0,-2.5,"1","",null,[],{},{"a":{"b":[1,"x"]}}]"#)
        #expect(
            value
                == .array([
                    .bool(true), .bool(false), .number(1), .number(0), .number(-2.5), .string("1"), .string(""), .null,
                    .array([]), .object([:]), .object(["a": .object(["b": .array([.number(1), .string("x")])])]),
                ]))
        #expect(try JSONDecoder().decode(JSONValue.self, from: try JSONEncoder().encode(value)) == value)
    }

    /// Values at most 64 levels below the top of the document decode; deeper ones are refused with a decoding
    /// error (the chain used to take seconds near the parser's 512-level limit, and could not be encoded again).
    @Test(arguments: [("[", "]"), (#"{"a":"#, "}")])
    func valuesNestedPast64LevelsAreRefused(_ open: String, _ close: String) throws {
        let deepest = try decode(nested(64, open: open, close: close))
        #expect(try JSONEncoder().encode(deepest).count > 64)
        for levels in [65, 511] {
            let error = try #require(throws: DecodingError.self) {
                try decode(nested(levels, open: open, close: close))
            }
            guard case .dataCorrupted(let context) = error else {
                Issue.record("expected dataCorrupted, got \(error)")
                continue
            }
            #expect(context.debugDescription.contains("64 levels"), "\(context.debugDescription)")
        }
    }

    /// A configuration of an unmodelled type whose parameters nest past the limit reads them as missing, and the
    /// configuration still encodes.
    @Test func tooDeepParametersOfAnUnknownTypeReadAsNone() throws {
        let json =
            #"{"id":"c","transformType":"CombineIModels","transformParameters":\#(nested(100, open: "[", close: "]"))}"#
        let configuration = try JSONDecoder().decode(TransformationConfiguration.self, from: Data(json.utf8))
        #expect(configuration.parameters == .none)
        #expect(throws: Never.self) { try JSONEncoder().encode(configuration) }
    }
}
