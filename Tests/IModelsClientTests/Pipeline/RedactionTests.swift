import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

/// The token never survives in what the SDK keeps of an answer: raw bodies (redacted whole, then cut to 4 KiB),
/// decoded error fields, JSON-escaped echoes, and every token a call used (before and after a refresh).
@Suite(.verifiesStubTransports) struct RedactionTests {
    /// A token made of the characters servers escape (`/` as `\/`, `+` as `\u002B`).
    static let slashToken = "abc/DEF+ghi/jkl+mno/pqr="

    /// A body whose token starts 10 bytes before the 4 KiB cut, so a cut made before redacting keeps 10 of its bytes.
    static func straddlingBody(_ token: String) -> Data {
        Data((String(repeating: "x", count: APIError.rawBodyLimit - 10) + token + " and more").utf8)
    }

    @Test func aTokenStraddlingThe4KiBCutIsRedactedFromADecodingFailure() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 200, body: Self.straddlingBody(testToken))
        let client = makeClient(stub)
        let error = await captureError {
            _ = try await client.pipeline.send(getEndpoint(), as: [String: String].self)
        }
        guard case .decoding(let failure)? = error else {
            Issue.record("expected a decoding error, got \(String(describing: error))")
            return
        }
        #expect(failure.rawBody.count == APIError.rawBodyLimit)
        #expect(!failure.rawBodyText.contains(testToken.prefix(6)), "the token's start survived the cut")
        #expect(failure.rawBodyText.hasSuffix("<redacted>"))
    }

    @Test func aTokenStraddlingThe4KiBCutIsRedactedFromAnAPIError() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 400, body: Self.straddlingBody(testToken))
        let client = makeClient(stub)
        let error = await captureError { _ = try await client.pipeline.send(getEndpoint()) }
        guard case .api(let api)? = error else {
            Issue.record("expected an API error, got \(String(describing: error))")
            return
        }
        #expect(!api.rawBodyText.contains(testToken.prefix(6)))
    }

    @Test func aJSONEscapedEchoOfTheTokenIsRedactedFromTheDecodedFieldsAndTheRawBody() async throws {
        let escaped = #"abc\/DEF\u002Bghi\/jkl+mno\/pqr="#
        let escapedLower = #"\u0061bc\/DEF\u002bghi/jkl\u002Bmno\/pqr\u003d"#
        let body = #"""
            {"error":{"code":"InvalidToken","message":"Invalid token: Bearer \#(escaped)",\#
            "target":"\#(escapedLower)",\#
            "details":[{"code":"Echo","message":"you sent \#(escaped)","target":"\#(escapedLower)"}]}}
            """#
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 403, json: body)
        let client = makeClient(stub, tokenProvider: FixedTokens([Self.slashToken]))
        let error = await captureError { _ = try await client.pipeline.send(getEndpoint()) }
        guard case .api(let api)? = error else {
            Issue.record("expected an API error, got \(String(describing: error))")
            return
        }
        #expect(api.message == "Invalid token: Bearer <redacted>")
        let texts =
            [api.message, api.target, api.rawBodyText, api.description, String(reflecting: error)].compactMap { $0 }
            + api.details.flatMap { [$0.message, $0.target].compactMap { $0 } }
        for text in texts {
            #expect(!text.contains(Self.slashToken), "token leaked: \(text)")
            #expect(!text.contains("ghi"), "part of the token leaked: \(text)")
        }
    }

    @Test func decodedErrorFieldsAreRedactedOnTheirOwnToo() {
        let redaction = Redaction(tokens: [testToken])
        let error = redaction.redactFields(
            APIError(
                operation: "op", status: 400, message: "m \(testToken)", target: testToken,
                details: [ErrorDetail(code: "X", message: testToken, target: "t \(testToken)")]))
        #expect(error.message == "m <redacted>")
        #expect(error.target == "<redacted>")
        #expect(error.details == [ErrorDetail(code: "X", message: "<redacted>", target: "t <redacted>")])
    }

    @Test func bothTheOldAndTheRefreshedTokenAreRedactedAfterA401() async throws {
        let old = "OLD-TOKEN-1111-aaaa"
        let new = "NEW-TOKEN-2222-bbbb"
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 401, json: #"{"error":{"code":"Expired"}}"#)
        stub.enqueue(
            .get, "/imodels/abc/operations/create", status: 403,
            json: #"{"error":{"code":"Forbidden","message":"was \#(old), now \#(new)"}}"#)
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 401, json: #"{"error":{"code":"Expired"}}"#)
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 200, body: Data("not json: \(old) \(new)".utf8))
        let client = makeClient(stub, tokenProvider: FixedTokens([old, new, old, new]))
        let forbidden = await captureError { _ = try await client.pipeline.send(getEndpoint()) }
        let undecodable = await captureError {
            _ = try await client.pipeline.send(getEndpoint(), as: [String: String].self)
        }
        guard case .api(let api)? = forbidden, case .decoding(let failure)? = undecodable else {
            Issue.record(
                "expected an API error and a decoding error, got \(String(describing: (forbidden, undecodable)))")
            return
        }
        #expect(api.message == "was <redacted>, now <redacted>")
        for text in [api.rawBodyText, api.description, failure.rawBodyText, failure.description] {
            #expect(!text.contains(old) && !text.contains(new), "a token leaked: \(text)")
        }
        #expect(
            stub.requests.map { $0.headers["Authorization"] } == [
                "Bearer \(old)", "Bearer \(new)", "Bearer \(old)", "Bearer \(new)",
            ])
    }

    @Test(arguments: ["abc\r\nX-Injected: 1", "abc\n", "abc\r", "\nabc", "a\u{0}bc", "ab\u{7F}c"])
    func aTokenWithALineBreakOrAnotherControlCharacterIsRefusedBeforeSending(_ token: String) async throws {
        let stub = StubTransport()
        let client = makeClient(stub, tokenProvider: FixedTokens([token]))
        let error = await captureError { _ = try await client.pipeline.send(getEndpoint()) }
        guard case .invalidRequest(let reason)? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("access token"))
        #expect(!reason.contains("abc"))
        #expect(stub.requests.isEmpty)
    }

    @Test func redactionReplacesEveryEscapedSpellingAndLeavesOtherTextAlone() {
        let redaction = Redaction(tokens: [Self.slashToken])
        let cases: [(String, String)] = [
            (#"a abc/DEF+ghi/jkl+mno/pqr= b"#, "a <redacted> b"),
            (#"a abc\/DEF\/ghi b"#, #"a abc\/DEF\/ghi b"#),
            (#"\u0061\u0062\u0063\u002f\u0044\u0045\u0046\u002B\u0067hi\/jkl+mno\/pqr\u003D"#, "<redacted>"),
            (#"abc\/DEF+ghi\/jkl+mno\/pqr"#, #"abc\/DEF+ghi\/jkl+mno\/pqr"#),
            (#"\abc/DEF+ghi/jkl+mno/pqr="#, #"\<redacted>"#),
            ("", ""),
        ]
        for (input, expected) in cases {
            #expect(redaction.redact(input) == expected)
            #expect(redaction.redact(Data(input.utf8)) == Data(expected.utf8))
        }
    }
}

/// Returns the given tokens in turn (the last one again once they run out).
final class FixedTokens: AccessTokenProvider {
    private let tokens: [String]
    private let next = Locked(0)

    init(_ tokens: [String]) { self.tokens = tokens }

    func accessToken(forceRefresh: Bool) async throws -> String {
        let index = next.withLock { index -> Int in
            defer { index += 1 }
            return index
        }
        return tokens[min(index, tokens.count - 1)]
    }
}
