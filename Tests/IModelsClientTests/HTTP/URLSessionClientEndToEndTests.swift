import Foundation
import Testing

@testable import IModelsClient

/// The whole client (pipeline, retry, rate-limit gate) over `URLSessionTransport` and a real HTTP server.
@Suite(.loopbackServer) struct URLSessionClientEndToEndTests {
    @Test func aRateLimitedAnswerIsWaitedOutAndThenSucceeds() async throws {
        let ports = try LoopbackServer.ports()
        let transport = URLSessionTransport()
        defer { transport.shutdown() }
        let success = String(decoding: try fixture("create-operation-200.json"), as: UTF8.self)
        let steps: [[String: Any]] = [
            ["status": 429, "headers": ["Retry-After": "1"], "body": #"{"error":{"code":"RateLimitExceeded"}}"#],
            ["status": 200, "headers": ["Content-Type": "application/json"], "body": success],
        ]
        _ = try await transport.send(
            HTTPRequest(
                method: .post, url: ports.primaryURL("/script/e2e-429"),
                body: try JSONSerialization.data(withJSONObject: steps)))
        let attempts = Locked<[(status: Int?, delay: Duration?)]>([])
        let configuration = Configuration(
            environment: .custom(ports.primaryURL("/api/e2e-429")),
            log: { event in attempts.withLock { $0.append((event.status, event.retryDelay)) } })
        let client = ITwinClient(
            configuration: configuration, accessToken: { testToken }, transport: transport)

        let operation = try await client.iModels.createOperation(of: "imodel-1")

        #expect(operation.state == .scheduled)
        let seen = attempts.withLock { $0 }
        #expect(seen.map(\.status) == [429, 200])
        #expect(seen.first?.delay == .seconds(1))
        struct Count: Decodable { var count: Int }
        let count = try JSONDecoder().decode(
            Count.self,
            from: try await transport.send(HTTPRequest(method: .get, url: ports.primaryURL("/count/e2e-429"))).body)
        #expect(count.count == 2)
    }
}
