import IModelsClient
import Testing

@Suite struct HTTPHeadersTests {
    @Test func lookupsIgnoreCaseAndKeepTheFirstSpelling() {
        var headers: HTTPHeaders = ["ITwinPlatform-RateLimited-Tier": "Trial"]
        #expect(headers["itwinplatform-ratelimited-tier"] == "Trial")
        #expect(headers["ITWINPLATFORM-RATELIMITED-TIER"] == "Trial")
        headers["itwinplatform-ratelimited-tier"] = "Paid"
        #expect(headers.count == 1)
        #expect(headers.map(\.name) == ["itwinplatform-ratelimited-tier"])
        #expect(headers["ITwinPlatform-RateLimited-Tier"] == "Paid")
    }

    @Test func settingReplacesEveryFieldOfTheNameAndNilRemoves() {
        var headers = HTTPHeaders()
        headers.add(name: "Set-Cookie", value: "a")
        headers.add(name: "set-cookie", value: "b")
        headers.add(name: "Other", value: "x")
        #expect(headers.values(for: "SET-COOKIE") == ["a", "b"])
        headers["Set-Cookie"] = "c"
        #expect(headers.values(for: "set-cookie") == ["c"])
        #expect(headers.map(\.name) == ["Set-Cookie", "Other"])
        headers["set-cookie"] = nil
        #expect(!headers.contains("Set-Cookie"))
        #expect(headers.count == 1)
    }

    @Test func equalityIgnoresNameCaseAndDescriptionRedactsAuthorization() {
        let lhs: HTTPHeaders = ["Retry-After": "5", "Authorization": "Bearer abc"]
        let rhs: HTTPHeaders = ["retry-after": "5", "authorization": "Bearer abc"]
        #expect(lhs == rhs)
        #expect(lhs.hashValue == rhs.hashValue)
        #expect(!lhs.description.contains("abc"))
        #expect(lhs.redacted()["Authorization"] == "<redacted>")
    }

    @Test func dumpOfHeadersAndOfTheirFieldsRedactsAuthorizationAndProxyAuthorization() throws {
        let headers: HTTPHeaders = [
            "authorization": "Bearer \(dumpedToken)", "Proxy-Authorization": "Basic \(dumpedToken)",
            "X-Correlation-Id": "c-1",
        ]
        for text in renderings(of: headers) {
            #expect(!text.contains(dumpedToken), "token shown: \(text)")
        }
        #expect(dumped(headers).contains("c-1"))
        for field in headers {
            for text in renderings(of: field) + renderings(of: [field]) {
                #expect(!text.contains(dumpedToken), "token shown: \(text)")
            }
        }
        let field = try #require(headers.first { $0.name == "X-Correlation-Id" })
        #expect(String(describing: field) == "X-Correlation-Id: c-1")
    }

    /// Only ASCII letters fold: `@` (0x40) and `` ` `` (0x60) differ by the same bit as `A` and `a` but are not the
    /// same character.
    @Test func onlyLettersIgnoreCase() {
        let headers: HTTPHeaders = ["X-A@1": "v"]
        #expect(headers["x-a@1"] == "v")
        #expect(headers["X-A`1"] == nil)
        #expect(headers["X-A@1 "] == nil)
    }

    @Test func settingKeepsThePositionOfTheFirstFieldOfTheName() {
        var headers = HTTPHeaders([("A", "1"), ("b", "2"), ("C", "3"), ("B", "4")])
        headers["B"] = "5"
        #expect(headers.map(\.name) == ["A", "B", "C"])
        #expect(headers.map(\.value) == ["1", "5", "3"])
        headers["b"] = nil
        #expect(headers.map(\.name) == ["A", "C"])
    }
}
