import Testing

@testable import IModelsClient

/// The one check per kind of input, each refusing before anything is sent.
@Suite struct InputValidationTests {
    @Test(arguments: ["", " ", "\t\n\r ", "\u{00A0}", "\u{3000} \u{2003}"])
    func blankTextIsBlank(_ text: String) {
        #expect(InputValidation.isBlank(text))
    }

    @Test(arguments: ["a", " a ", "\u{00A0}x", "é", "\u{3000}漢"])
    func textWithAVisibleCharacterIsNot(_ text: String) {
        #expect(!InputValidation.isBlank(text))
    }

    @Test func eachKindNamesTheFieldInItsRefusal() {
        func refusal(_ check: () throws -> Void) -> String? {
            do {
                try check()
                return nil
            } catch ITwinClientError.invalidRequest(let message) {
                return message
            } catch {
                return "unexpected \(error)"
            }
        }
        #expect(refusal { try InputValidation.id(" ", named: "iModelId") } == "iModelId must not be empty.")
        #expect(refusal { try InputValidation.id("abc", named: "iModelId") } == nil)
        #expect(
            refusal { try InputValidation.required("", named: "comment") }
                == "comment is required and must not be blank.")
        #expect(refusal { try InputValidation.optional(nil, named: "x", absentMeans: "skip it") } == nil)
        #expect(
            refusal { try InputValidation.optional("  ", named: "x", absentMeans: "skip it") }
                == "x must not be blank (pass nil to skip it).")
    }

    @Test func namesAndDescriptionsAreLimitedInUTF16Units() {
        let longest = String(repeating: "𝔸", count: 127) + "a"  // 255 UTF-16 code units
        #expect(throws: Never.self) {
            try InputValidation.nameAndDescription(name: longest, description: longest)
        }
        #expect(throws: ITwinClientError.self) {
            try InputValidation.nameAndDescription(name: longest + "a", description: nil)
        }
        #expect(throws: ITwinClientError.self) {
            try InputValidation.nameAndDescription(name: nil, description: String(repeating: "𝔸", count: 128))
        }
        #expect(throws: ITwinClientError.self) { try InputValidation.nameAndDescription(name: " ", description: nil) }
    }
}
