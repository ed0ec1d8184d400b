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
}
