import Foundation
import IModelsClient
import Testing

/// What `print`, `dump` and debuggers show of a request: never the token.
@Suite struct HTTPRequestTests {
    @Test func dumpAndDescriptionsOfAnAuthorizedRequestNeverShowTheToken() {
        let request = HTTPRequest(
            method: .post, url: URL(string: "https://api.example.test/imodels/a/clone")!,
            headers: ["Authorization": "Bearer \(dumpedToken)", "Accept": "application/json"],
            body: Data("{}".utf8), operation: "cloneIModel")
        for text in renderings(of: request) {
            #expect(!text.contains(dumpedToken), "token shown: \(text)")
        }
        #expect(dumped(request).contains("application/json"), "the other headers are still shown")
        #expect(dumped(request).contains("cloneIModel"))
    }
}

/// A token the dump tests put where a debugger would look.
let dumpedToken = "DUMPED-SECRET-4b1d"

/// `dump(value)` as text.
func dumped(_ value: Any) -> String {
    var text = ""
    dump(value, to: &text)
    return text
}

/// Every way a value is commonly shown: `description`, `debugDescription`, `dump`.
func renderings(of value: Any) -> [String] {
    [String(describing: value), String(reflecting: value), dumped(value)]
}
