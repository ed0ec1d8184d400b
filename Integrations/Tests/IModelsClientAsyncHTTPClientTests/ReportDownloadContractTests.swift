import Foundation
import IModelsClient
import SocketFaultServer
import Testing

/// A transformation report read from the API origin and downloaded from another origin (127.0.0.2), over each real
/// transport and real sockets: the API gets the token, the storage origin never does (nor the additional headers),
/// directly or after a redirect, on a fresh connection and on a reused one, and each origin receives exactly the
/// requests sent.
@Suite struct ReportDownloadContractTests {
    private static let token = "secret-token-Zq81"

    private func download(
        _ kind: RealTransport, downloads: Int = 1, link: (TransportContractTests.Origins) -> URL,
        check: (TransportContractTests.Origins, LoopbackRoutes.Echo) throws -> Void
    ) async throws {
        let origins = try await TransportContractTests.Origins.start()
        do {
            try await kind.with { transport in
                let base = origins.primary.baseURL.appendingPathComponent(
                    "api/\(LoopbackRoutes.encodeLink(link(origins)))")
                let configuration = Configuration(
                    environment: .custom(base), additionalHeaders: ["X-Api-Key": "secret-key"])
                let client = ITwinClient(
                    configuration: configuration, accessToken: { Self.token }, transport: transport)
                let report = try #require(try await client.transformations.reports(of: "t1").first)
                var content = Data()
                for _ in 0..<downloads { content = try await client.transformations.downloadReport(report) }
                let echo = try JSONDecoder().decode(LoopbackRoutes.Echo.self, from: content)
                try check(origins, echo)
            }
            await origins.stop()
        } catch {
            await origins.stop()
            throw error
        }
    }

    private func carriesNoCredentials(_ request: ReceivedRequest) -> Bool {
        request.headers.keys.allSatisfy { !["authorization", "x-api-key"].contains($0.lowercased()) }
    }

    @Test(arguments: RealTransport.allCases)
    func theStorageOriginGetsNoToken(_ kind: RealTransport) async throws {
        let link: @Sendable (TransportContractTests.Origins) -> URL = {
            URL(string: "echo?sig=abc", relativeTo: $0.otherHost.baseURL)!.absoluteURL
        }
        try await download(
            kind, link: link,
            check: { origins, echo in
                #expect(echo.path == "/echo" && echo.query == "sig=abc")
                #expect(echo.header("Authorization") == nil && echo.header("X-Api-Key") == nil)
                let api = origins.primary.received
                #expect(api.count == 1)
                #expect(
                    api.first?.headers.first { $0.key.lowercased() == "authorization" }?.value == "Bearer \(Self.token)"
                )
                #expect(origins.otherHost.received.count == 1)
                #expect(origins.otherHost.received.allSatisfy(carriesNoCredentials))
            })
    }

    @Test(arguments: RealTransport.allCases)
    func aRedirectFromTheStorageCarriesNoTokenEither(_ kind: RealTransport) async throws {
        let link: @Sendable (TransportContractTests.Origins) -> URL = { origins in
            var components = URLComponents(
                url: origins.otherHost.baseURL.appendingPathComponent("redirect"), resolvingAgainstBaseURL: false)!
            let target = origins.otherPort.baseURL.appendingPathComponent("echo")
            components.queryItems = [.init(name: "to", value: target.absoluteString)]
            return components.url!
        }
        try await download(
            kind, link: link,
            check: { origins, echo in
                #expect(echo.path == "/echo")
                #expect(echo.header("Authorization") == nil && echo.header("X-Api-Key") == nil)
                #expect(origins.otherHost.received.count == 1 && origins.otherPort.received.count == 1)
                #expect((origins.otherHost.received + origins.otherPort.received).allSatisfy(carriesNoCredentials))
            })
    }

    /// A second download from the storage origin goes out on the connection the first one left open (for both
    /// transports, which keep GET connections alive), and carries no credentials either.
    @Test(arguments: RealTransport.allCases)
    func aSecondDownloadOnTheReusedConnectionGetsNoTokenEither(_ kind: RealTransport) async throws {
        let link: @Sendable (TransportContractTests.Origins) -> URL = {
            URL(string: "echo?sig=abc", relativeTo: $0.otherHost.baseURL)!.absoluteURL
        }
        try await download(
            kind, downloads: 2, link: link,
            check: { origins, echo in
                #expect(echo.header("Authorization") == nil && echo.header("X-Api-Key") == nil)
                let storage = origins.otherHost.received
                #expect(storage.count == 2, "the storage received \(storage.count) requests")
                #expect(storage.count == 2 && storage[1].connection == storage[0].connection, "not a reused connection")
                #expect(storage.allSatisfy(carriesNoCredentials))
                #expect(origins.primary.received.count == 1)
            })
    }
}
