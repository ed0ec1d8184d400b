import Foundation
import Testing

@testable import IModelsClient

/// How `Endpoint` encodes ids and query values into the request URL, and which ids it refuses before sending.
@Suite struct EndpointTests {
    private let base = URL(string: "https://api.bentley.com")!

    private func url(id: String, query: [(String, String)] = []) throws -> String {
        let endpoint = Endpoint(
            operation: "test", api: .iModels, method: .get, target: .path([.id(id, name: "iModelId")]), query: query)
        return try endpoint.url(policy: LinkPolicy(baseURL: base)).absoluteString
    }

    @Test(arguments: [
        ("abc-DEF_0.9~", "abc-DEF_0.9~"), ("é", "%C3%A9"), ("$", "%24"), ("a+b", "a%2Bb"), ("%41", "%2541"),
        ("...", "%2E%2E%2E"), (".a.", ".a."), ("🙂", "%F0%9F%99%82"),
    ])
    func segmentsKeepOnlyUnreservedBytes(_ id: String, _ encoded: String) throws {
        #expect(try url(id: id) == "https://api.bentley.com/imodels/\(encoded)")
    }

    @Test func segmentEncodingMatchesFoundationForEveryASCIICharacter() {
        let unreserved = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        for scalar in (1...127).compactMap(Unicode.Scalar.init) {
            let text = "x\(Character(scalar))y"
            #expect(Endpoint.encodeSegment(text) == text.addingPercentEncoding(withAllowedCharacters: unreserved))
        }
    }

    @Test func queryValuesKeepTheDollarSign() throws {
        let built = try url(id: "m1", query: [("$top", "10"), ("name", "a&b=c d")])
        #expect(built == "https://api.bentley.com/imodels/m1?$top=10&name=a%26b%3Dc%20d")
    }

    @Test(arguments: ["", " ", "\n\t", "\u{00A0}", "\u{2003}\u{3000}"])
    func blankIdsAreRefusedBeforeSending(_ id: String) {
        #expect(throws: ITwinClientError.self) { _ = try url(id: id) }
    }
}
