import Foundation
import IModelsClient
import IModelsClientObservability
import IModelsTesting
import InMemoryTracing
import Testing
import Tracing

/// `TracingMiddleware`: a call span per SDK call, an attempt span per HTTP attempt, `traceparent` on every attempt.
@Suite struct TracingMiddlewareTests {
    @Test func aRetriedCallGivesOneCallSpanWithAnAttemptSpanPerSend() async throws {
        let stub = Stubs.unavailableThenSuccessful()
        let observed = ObservedClient(transport: stub)
        try await observed.createOperation()

        let call = try #require(observed.spans(named: Stubs.operation).only)
        let attempts = observed.spans(named: "GET")
        try #require(attempts.count == 2)
        #expect(call.kind == .internal)
        #expect(call.parentSpanID == nil)
        #expect(call.status == nil)
        for attempt in attempts {
            #expect(attempt.kind == .client)
            #expect(attempt.traceID == call.traceID)
            #expect(attempt.parentSpanID == call.spanID)
            #expect(attempt.attribute("http.request.method") == "GET")
            #expect(attempt.attribute("url.full") == "https://api.example.test/imodels/abc/operations/create")
            #expect(attempt.attribute("server.address") == "api.example.test")
            #expect(attempt.attribute("server.port") == "443")
            #expect(
                attempt.attribute("http.request.header.x-correlation-id")
                    == stub.requests[0].headers["X-Correlation-Id"])
        }
        #expect(attempts.map { $0.attribute("http.request.resend_count") } == ["0", "1"])
        #expect(attempts.map { $0.attribute("http.response.status_code") } == ["503", "200"])
        #expect(attempts.map { $0.attribute("error.type") } == ["503", nil])
        #expect(attempts.map { $0.status?.code } == [.error, nil])
        try stub.verify()
    }

    @Test func everyAttemptCarriesTheTraceparentOfItsOwnSpan() async throws {
        let stub = Stubs.unavailableThenSuccessful()
        let observed = ObservedClient(transport: stub)
        try await observed.createOperation()

        let attempts = observed.spans(named: "GET")
        try #require(attempts.count == 2 && stub.requests.count == 2)
        #expect(
            stub.requests.map { $0.headers["traceparent"] }
                == attempts.map { "00-\($0.traceID)-\($0.spanID)-01" })
        #expect(stub.requests.allSatisfy { $0.headers["Authorization"] == "Bearer \(ObservedClient.token)" })
    }

    @Test func aFailingCallMarksItsSpanAndItsAttemptSpanAsErrors() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, Stubs.path, status: 404, json: Stubs.notFound)
        let observed = ObservedClient(transport: stub)
        await #expect(throws: ITwinClientError.self) {
            try await observed.createOperation()
        }

        let call = try #require(observed.spans(named: Stubs.operation).only)
        let attempt = try #require(observed.spans(named: "GET").only)
        #expect(call.status?.code == .error)
        #expect(call.attribute("error.type") == "404")
        #expect(call.errors.count == 1)
        #expect(attempt.status?.code == .error)
        #expect(attempt.attribute("error.type") == "404")
        #expect(attempt.attribute("http.response.status_code") == "404")
        try stub.verify()
    }

    @Test func aTransportFailureIsRecordedByKindWithTheTokenRedacted() async throws {
        let stub = StubTransport()
        stub.enqueueFailureQuotingTheToken(.connectionLost, after: "reset while sending")
        let observed = ObservedClient(transport: stub) { $0.retryPolicy = .none }
        await #expect(throws: ITwinClientError.self) {
            try await observed.createOperation()
        }

        let call = try #require(observed.spans(named: Stubs.operation).only)
        let attempt = try #require(observed.spans(named: "GET").only)
        #expect(attempt.status?.code == .error)
        #expect(attempt.attribute("error.type") == "connectionLost")
        #expect(attempt.attribute("http.response.status_code") == nil)
        #expect(call.attribute("error.type") == "connectionLost")
        let recorded = (call.errors + attempt.errors).map { String(describing: $0.error) }
        #expect(recorded.count == 2)
        #expect(recorded.allSatisfy { $0.contains("reset while sending") && !$0.contains(ObservedClient.token) })
        try stub.verify()
    }

    @Test func aCallSpanIsAChildOfTheCallersSpan() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, Stubs.path, status: 200, json: Stubs.successful)
        let observed = ObservedClient(transport: stub)
        let tracer = observed.tracer
        _ = try await tracer.withSpan("handle request") { _ in
            try await observed.createOperation()
        }

        let outer = try #require(observed.spans(named: "handle request").only)
        let call = try #require(observed.spans(named: Stubs.operation).only)
        #expect(call.parentSpanID == outer.spanID)
        #expect(call.traceID == outer.traceID)
        try stub.verify()
    }
}

extension Array {
    /// The single element, or `nil` when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
