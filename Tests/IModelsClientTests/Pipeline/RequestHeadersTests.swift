import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

@Suite(.verifiesStubTransports) struct RequestHeadersTests {
    @Test func iModelsRequestsCarryTheDocumentedHeaders() async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels/abc/clone", status: 202)
        let client = makeClient(stub)
        _ = try await client.pipeline.send(postEndpoint())
        let request = try #require(stub.requests.first)
        #expect(request.headers["accept"] == "application/vnd.bentley.itwin-platform.v2+json")
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["user-agent"] == "IModelsClient-Swift/\(SDKVersion.version)")
        #expect(request.headers["authorization"] == "Bearer \(testToken)")
        #expect(UUID(uuidString: request.headers["x-correlation-id"] ?? "") != nil)
        #expect(request.operation == "cloneIModel")
        #expect(request.timeout == .seconds(60))
    }

    @Test func transformationsRequestsAskForVersionOne() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/transformations/run-1", status: 200, json: "{}")
        let client = makeClient(stub)
        _ = try await client.pipeline.send(
            Endpoint(
                operation: "getTransformation", api: .transformations, method: .get,
                target: .path([.id("run-1", name: "transformationId")])))
        let request = try #require(stub.requests.first)
        #expect(request.headers["Accept"] == "application/vnd.bentley.itwin-platform.v1+json")
        #expect(request.headers["Content-Type"] == nil)
    }

    @Test func retriesKeepTheCorrelationIdAndCallsDoNotShareIt() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 500, json: "{}")
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 200, json: "{}")
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 200, json: "{}")
        let client = makeClient(stub, clock: clock)
        _ = try await clock.run { try await client.pipeline.send(getEndpoint()) }
        _ = try await client.pipeline.send(getEndpoint())
        let ids = stub.requests.map { $0.headers["X-Correlation-Id"] }
        #expect(ids[0] == ids[1])
        #expect(ids[1] != ids[2])
    }

    @Test func aBoundCorrelationIdIsSentAndReportedInErrors() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 404, json: "{}")
        let client = makeClient(stub)
        let error = await CorrelationID.$current.withValue("order-1234") {
            await captureError { _ = try await client.pipeline.send(getEndpoint()) }
        }
        #expect(stub.requests.first?.headers["X-Correlation-Id"] == "order-1234")
        #expect(error?.apiError?.correlationId == "order-1234")
    }

    @Test func additionalHeadersAreSentButCannotSetAuthorization() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 200, json: "{}")
        var configuration = Configuration(environment: .custom(URL(string: "https://api.example.test")!))
        configuration.additionalHeaders = ["X-Tenant": "blue", "Authorization": "Bearer other"]
        let client = ITwinClient(configuration: configuration, accessToken: { testToken }, transport: stub)
        _ = try await client.pipeline.send(getEndpoint())
        #expect(stub.requests.first?.headers["X-Tenant"] == "blue")
        #expect(stub.requests.first?.headers.values(for: "Authorization") == ["Bearer \(testToken)"])
    }

    @Test func oneLogEventPerAttempt() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        let log = LogRecorder()
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 429, headers: ["Retry-After": "2"], json: "{}")
        stub.enqueue(.get, "/imodels/abc/operations/create", failure: connectionLost)
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 200, json: "{}")
        let client = makeClient(stub, clock: clock, log: log)
        _ = try await clock.run { try await client.pipeline.send(getEndpoint()) }
        let events = log.all
        #expect(events.map(\.attempt) == [1, 2, 3])
        #expect(events.map(\.status) == [429, nil, 200])
        #expect(events[0].retryDelay == .seconds(2))
        #expect(events[1].failure != nil && events[1].retryDelay != nil)
        #expect(events[2].retryDelay == nil)
        #expect(Set(events.map(\.correlationId)).count == 1)
        #expect(events.allSatisfy { $0.operation == "getCreateOperation" && $0.method == .get })
        #expect(events[0].description.contains("429"))
    }
}
