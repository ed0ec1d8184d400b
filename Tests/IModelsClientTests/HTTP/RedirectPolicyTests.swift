import Foundation
import Testing

@testable import IModelsClient

@Suite struct RedirectPolicyTests {
    static func decision(_ from: String, _ to: String) -> RedirectPolicy {
        RedirectPolicy.decision(from: URL(string: from), to: URL(string: to))
    }

    @Test(arguments: [
        ("https://api.bentley.com/imodels/1", "https://api.bentley.com/imodels/2"),
        ("https://api.bentley.com/a", "https://API.Bentley.com:443/b"),
        ("HTTPS://api.bentley.com:443/a", "https://api.bentley.com/b?x=1"),
        ("http://127.0.0.1/a", "http://127.0.0.1:80/b"),
    ])
    func sameOriginIsFollowed(from: String, to: String) {
        #expect(Self.decision(from, to) == .follow)
    }

    @Test(arguments: [
        ("https://api.bentley.com/a", "https://evil.example/a"),
        ("https://api.bentley.com/a", "https://api.bentley.com:8443/a"),
        ("https://api.bentley.com/a", "https://qa-api.bentley.com/a"),
        ("http://127.0.0.1:8080/a", "https://127.0.0.1:8080/a"),
        ("http://127.0.0.1:8080/a", "http://127.0.0.2:8080/a"),
    ])
    func anotherOriginIsFollowedWithoutAuthorization(from: String, to: String) {
        #expect(Self.decision(from, to) == .followWithoutAuthorization)
    }

    @Test(arguments: [
        ("https://api.bentley.com/a", "http://api.bentley.com/a"),
        ("https://api.bentley.com/a", "http://evil.example/a"),
        ("https://api.bentley.com/a", "ftp://api.bentley.com/a"),
        ("https://api.bentley.com/a", "file:///etc/passwd"),
        ("https://api.bentley.com/a", "mailto:someone@example.com"),
    ])
    func aDowngradeOrAnotherSchemeIsRefused(from: String, to: String) {
        #expect(Self.decision(from, to) == .refuse)
    }

    @Test func anUnknownSourceOrTargetIsRefused() {
        let url = URL(string: "https://api.bentley.com/a")
        #expect(RedirectPolicy.decision(from: nil, to: url) == .refuse)
        #expect(RedirectPolicy.decision(from: url, to: nil) == .refuse)
    }

    @Test func originsFillInDefaultPorts() {
        #expect(Origin(URL(string: "https://Example.COM/x")!)?.description == "https://example.com:443")
        #expect(Origin(URL(string: "http://example.com/x")!)?.port == 80)
        #expect(Origin(URL(string: "http://example.com:8080/x")!)?.port == 8080)
        #expect(Origin(URL(string: "/relative/path")!) == nil)
    }

    /// The one reading of a redirect answer both transports use.
    @Test func aRedirectsTargetIsItsLocationResolvedAgainstTheSource() {
        let source = URL(string: "https://api.example.test/imodels/abc?x=1")!
        #expect(
            RedirectPolicy.target(ofAnswer: 307, location: "/imodels/def", from: source)?.absoluteString
                == "https://api.example.test/imodels/def")
        #expect(
            RedirectPolicy.target(ofAnswer: 302, location: "http://other.test/a", from: source)?.absoluteString
                == "http://other.test/a")
        for status in [200, 300, 304, 404] {
            #expect(RedirectPolicy.target(ofAnswer: status, location: "/x", from: source) == nil, "\(status)")
        }
        #expect(RedirectPolicy.target(ofAnswer: 301, location: nil, from: source) == nil)
    }

    @Test func aRefusalNamesTheOriginsOnly() {
        let text = RedirectPolicy.refusal(
            status: 302, from: URL(string: "https://api.example.test/secret/path?token=1")!,
            to: URL(string: "http://other.test:8080/p?q=2")!)
        #expect(text == "refused a 302 redirect from https://api.example.test:443 to http://other.test:8080")
    }
}
