import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

/// `Configuration.middlewares`: once per attempt, in order, after authorization and before the transport.
@Suite(.verifiesStubTransports) struct ClientMiddlewareTests {
    /// Records what each middleware saw, in the order the middlewares ran.
    final class Journal: Sendable {
        private let entries = Locked<[String]>([])
        var all: [String] { entries.withLock { $0 } }
        func note(_ entry: String) { entries.withLock { $0.append(entry) } }
    }

    /// Adds a header and notes each attempt it sees, with the status the rest of the chain answered.
    struct Observing: ClientMiddleware {
        let name: String
        let journal: Journal
        func intercept(
            _ request: HTTPRequest, operation: String,
            next: @Sendable (HTTPRequest) async throws -> HTTPResponse
        ) async throws -> HTTPResponse {
            var request = request
            request.headers["X-Seen-By"] = request.headers["X-Seen-By"].map { "\($0),\(name)" } ?? name
            journal.note("\(name) → \(operation) auth=\(request.headers["Authorization"] != nil)")
            let response = try await next(request)
            journal.note("\(name) ← \(response.status)")
            return response
        }
    }

    /// Throws instead of calling on.
    struct Refusing: ClientMiddleware {
        let error: any Error & Sendable
        func intercept(
            _ request: HTTPRequest, operation: String,
            next: @Sendable (HTTPRequest) async throws -> HTTPResponse
        ) async throws -> HTTPResponse { throw error }
    }

    private func client(
        _ stub: StubTransport, _ middlewares: [any ClientMiddleware], clock: VirtualClock = VirtualClock()
    ) -> ITwinClient {
        var configuration = Configuration(
            environment: .custom(URL(string: "https://api.example.test")!), clock: clock, jitterSeed: 42)
        configuration.middlewares = middlewares
        return ITwinClient(
            configuration: configuration, accessToken: { testToken }, transport: stub)
    }

    @Test func aMiddlewareAddsAHeaderTheTransportReceivesWithTheFinalAuthorization() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 200, json: "{}")
        let journal = Journal()
        _ = try await client(stub, [Observing(name: "a", journal: journal)]).pipeline.send(getEndpoint())
        let request = try #require(stub.requests.first)
        #expect(request.headers["X-Seen-By"] == "a")
        #expect(request.headers["Authorization"] == "Bearer \(testToken)")
        #expect(journal.all == ["a → getCreateOperation auth=true", "a ← 200"])
        try stub.verify()
    }

    @Test func middlewaresRunInTheirConfiguredOrderAndUnwindInReverse() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 200, json: "{}")
        let journal = Journal()
        let middlewares: [any ClientMiddleware] = [
            Observing(name: "outer", journal: journal), Observing(name: "inner", journal: journal),
        ]
        _ = try await client(stub, middlewares).pipeline.send(getEndpoint())
        #expect(stub.requests.first?.headers["X-Seen-By"] == "outer,inner")
        #expect(
            journal.all == [
                "outer → getCreateOperation auth=true", "inner → getCreateOperation auth=true", "inner ← 200",
                "outer ← 200",
            ])
        try stub.verify()
    }

    @Test func everyAttemptGoesThroughTheMiddlewaresRetriesAndTheRefreshAfterA401Included() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 401, json: "{}")
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 503, json: "{}")
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 200, json: "{}")
        let journal = Journal()
        let client = client(stub, [Observing(name: "m", journal: journal)], clock: clock)
        _ = try await clock.run { try await client.pipeline.send(getEndpoint()) }
        #expect(journal.all.filter { $0.hasPrefix("m ←") } == ["m ← 401", "m ← 503", "m ← 200"])
        #expect(stub.requests.map { $0.headers["X-Seen-By"] } == ["m", "m", "m"])
        try stub.verify()
    }

    @Test func aTransportFailureAMiddlewareThrowsIsRetriedByTheClientsRules() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        let client = client(stub, [Refusing(error: connectionRefused)], clock: clock)
        let error = await captureError { _ = try await clock.run { try await client.pipeline.send(postEndpoint()) } }
        guard case .transport(let failure)? = error else {
            Issue.record("expected a transport failure, got \(String(describing: error))")
            return
        }
        #expect(failure.kind == .cannotConnect)
        #expect(failure.operation == "cloneIModel")
        #expect(stub.requests.isEmpty)
        try stub.verify()
    }

    @Test func anyOtherErrorAMiddlewareThrowsIsNotRetriedForAPostAndKeepsNoToken() async throws {
        struct Refused: Error, CustomStringConvertible {
            var description: String { "policy refused Bearer \(testToken)" }
        }
        let stub = StubTransport()
        let clock = VirtualClock()
        let log = LogRecorder()
        var configuration = Configuration(
            environment: .custom(URL(string: "https://api.example.test")!), clock: clock, jitterSeed: 42)
        configuration.middlewares = [Refusing(error: Refused())]
        configuration.log = { log.record($0) }
        let client = ITwinClient(
            configuration: configuration, accessToken: { testToken }, transport: stub)
        let error = await captureError { _ = try await clock.run { try await client.pipeline.send(postEndpoint()) } }
        guard case .transport(let failure)? = error else {
            Issue.record("expected a transport failure, got \(String(describing: error))")
            return
        }
        #expect(failure.requestMayHaveReachedServer)
        #expect(log.all.count == 1)
        #expect(!String(describing: error!).contains(testToken))
        #expect(failure.underlyingDescription.contains("policy refused"))
        try stub.verify()
    }

    @Test func aMiddlewareMayAnswerWithoutTheTransport() async throws {
        struct Canned: ClientMiddleware {
            func intercept(
                _ request: HTTPRequest, operation: String,
                next: @Sendable (HTTPRequest) async throws -> HTTPResponse
            ) async throws -> HTTPResponse { HTTPResponse(status: 200, body: Data(#"{"a":1}"#.utf8)) }
        }
        let stub = StubTransport()
        let response = try await client(stub, [Canned()]).pipeline.send(getEndpoint())
        #expect(response.status == 200)
        #expect(stub.requests.isEmpty)
        try stub.verify()
    }

    @Test func aMiddlewareThatNeverAnswersEndsAtTheRequestTimeout() async throws {
        struct Hanging: ClientMiddleware {
            func intercept(
                _ request: HTTPRequest, operation: String,
                next: @Sendable (HTTPRequest) async throws -> HTTPResponse
            ) async throws -> HTTPResponse {
                try await Task.sleep(for: .seconds(3600))
                return try await next(request)
            }
        }
        let stub = StubTransport()
        var configuration = Configuration(
            environment: .custom(URL(string: "https://api.example.test")!), retryPolicy: .none,
            requestTimeout: .milliseconds(200), jitterSeed: 42)
        configuration.middlewares = [Hanging()]
        let client = ITwinClient(
            configuration: configuration, accessToken: { testToken }, transport: stub)
        let error = await captureError { _ = try await client.pipeline.send(getEndpoint()) }
        guard case .transport(let failure)? = error else {
            Issue.record("expected a timeout, got \(String(describing: error))")
            return
        }
        #expect(failure.kind == .timedOut)
        try stub.verify()
    }

    /// Notes the start and end of each call and the attempt number of each send.
    struct CallObserving: ClientMiddleware {
        let journal: Journal
        func intercept(
            _ request: HTTPRequest, operation: String,
            next: @Sendable (HTTPRequest) async throws -> HTTPResponse
        ) async throws -> HTTPResponse {
            journal.note("attempt \(request.attempt)")
            return try await next(request)
        }

        func interceptCall<Value>(operation: String, _ call: () async throws -> Value) async throws -> Value {
            journal.note("begin \(operation)")
            do {
                let value = try await call()
                journal.note("end \(operation)")
                return value
            } catch {
                journal.note("failed \(operation)")
                throw error
            }
        }
    }

    @Test func aCallWrapsEveryAttemptAndAttemptsAreNumbered() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 503, json: "{}")
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 200, json: "{}")
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 404, json: "{}")
        let journal = Journal()
        let client = client(stub, [CallObserving(journal: journal)], clock: clock)
        _ = try await clock.run { try await client.pipeline.send(getEndpoint()) }
        _ = await captureError { _ = try await client.pipeline.send(getEndpoint()) }
        #expect(
            journal.all == [
                "begin getCreateOperation", "attempt 1", "attempt 2", "end getCreateOperation",
                "begin getCreateOperation", "attempt 1", "failed getCreateOperation",
            ])
        #expect(stub.requests.map(\.attempt) == [1, 2, 1])
        try stub.verify()
    }
}
