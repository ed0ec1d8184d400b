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
}
