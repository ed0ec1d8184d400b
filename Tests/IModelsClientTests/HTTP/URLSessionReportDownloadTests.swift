import Foundation
import Testing

@testable import IModelsClient

/// A report read from the API and downloaded from another origin over `URLSessionTransport` and a real HTTP server:
/// the storage origin (127.0.0.2) receives no token, also after a redirect.
@Suite(.loopbackServer) struct URLSessionReportDownloadTests {
    private struct Echo: Decodable {
        var headers: [String: String]
        var path: String
    }

    private func download(link: URL, key: String) async throws -> Echo {
        let ports = try LoopbackServer.ports()
        let transport = URLSessionTransport()
        defer { transport.shutdown() }
        let reports = #"{"reports":[{"id":"r1","transformationId":"t1","_links":{"download":{"href":"\#(link)"}}}]}"#
        let steps: [[String: Any]] = [
            ["status": 200, "headers": ["Content-Type": "application/json"], "body": reports]
        ]
        _ = try await transport.send(
            HTTPRequest(
                method: .post, url: ports.primaryURL("/script/\(key)"),
                body: try JSONSerialization.data(withJSONObject: steps)))
        let configuration = Configuration(
            environment: .custom(ports.primaryURL("/api/\(key)")), additionalHeaders: ["X-Api-Key": "secret"])
        let client = ITwinClient(configuration: configuration, accessToken: { testToken }, transport: transport)
        let report = try #require(try await client.transformations.reports(of: "t1").first)
        let data = try await client.transformations.downloadReport(report)
        struct Count: Decodable {
            struct Request: Decodable { var headers: [String: String] }
            var requests: [Request]
        }
        let count = try JSONDecoder().decode(
            Count.self,
            from: try await transport.send(HTTPRequest(method: .get, url: ports.primaryURL("/count/\(key)"))).body)
        #expect(count.requests.first?.headers["Authorization"] == "Bearer \(testToken)")
        return try JSONDecoder().decode(Echo.self, from: data)
    }

    @Test func theStorageOriginGetsNoToken() async throws {
        let ports = try LoopbackServer.ports()
        let echo = try await download(link: ports.otherHostURL("/echo?sig=abc"), key: "report-direct")
        #expect(echo.path == "/echo")
        #expect(echo.headers.keys.allSatisfy { $0.lowercased() != "authorization" && $0.lowercased() != "x-api-key" })
    }

    @Test func aRedirectFromTheStorageCarriesNoTokenEither() async throws {
        let ports = try LoopbackServer.ports()
        let target = ports.primaryURL("/echo").absoluteString
        var components = URLComponents(url: ports.otherHostURL("/redirect"), resolvingAgainstBaseURL: false)!
        components.queryItems = [URLQueryItem(name: "to", value: target)]
        let echo = try await download(link: try #require(components.url), key: "report-redirect")
        #expect(echo.path == "/echo")
        #expect(echo.headers.keys.allSatisfy { $0.lowercased() != "authorization" })
    }
}
