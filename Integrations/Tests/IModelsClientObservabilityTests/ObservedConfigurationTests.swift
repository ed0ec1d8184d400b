import Foundation
import IModelsClient
import IModelsClientObservability
import IModelsTesting
import InMemoryLogging
import Logging
import Testing
import Tracing

/// `Configuration.observed(logger:tracer:metrics:logLevels:)`: all three at once, over the stub and the simulator,
/// never the token.
@Suite struct ObservedConfigurationTests {
    /// Collects the events a `log` closure set before `observed` receives.
    final class EarlierLog: Sendable {
        private let events = LockedBox<[IModelsClient.LogEvent]>([])
        var all: [IModelsClient.LogEvent] { events.withLock { $0 } }
        func record(_ event: IModelsClient.LogEvent) { events.withLock { $0.append(event) } }
    }

    @Test func theLogClosureAlreadySetKeepsBeingCalled() async throws {
        let stub = Stubs.unavailableThenSuccessful()
        let earlier = EarlierLog()
        let observed = ObservedClient(transport: stub) { configuration in
            configuration.log = { earlier.record($0) }
        }
        try await observed.createOperation()

        #expect(earlier.all.map(\.attempt) == [1, 2])
        #expect(observed.logs.entries.count == 2)
        #expect(observed.metrics.counterTotal(label: RequestMetrics.Label.requests) == 2)
        try stub.verify()
    }

    @Test func theTracingMiddlewareGoesFirstAndTheOthersStay() {
        struct Marker: ClientMiddleware {
            func intercept(
                _ request: HTTPRequest, operation: String,
                next: @Sendable (HTTPRequest) async throws -> HTTPResponse
            ) async throws -> HTTPResponse { try await next(request) }
        }
        let configuration = Configuration(middlewares: [Marker()])
            .observed(logger: nil, tracer: NoOpTracer(), metrics: nil)
        #expect(configuration.middlewares.count == 2)
        #expect(configuration.middlewares.first is TracingMiddleware)
        #expect(configuration.middlewares.last is Marker)
        #expect(configuration.log == nil)
    }

    @Test func byDefaultEveryPartGoesToTheProcessWideSystems() {
        // The README's form; without a bootstrap the systems do nothing, and this test bootstraps none.
        let configuration = Configuration(environment: .production).observed(logger: Logger(label: "imodels"))
        #expect(configuration.middlewares.first is TracingMiddleware)
        #expect(configuration.log != nil)
    }

    @Test func nothingIsInstalledWhenEveryPartIsLeftOut() {
        let earlier = EarlierLog()
        let configuration = Configuration(log: { earlier.record($0) }).observed(logger: nil, tracer: nil, metrics: nil)
        #expect(configuration.middlewares.isEmpty)
        configuration.log?(
            IModelsClient.LogEvent(
                operation: "getIModel", method: .get, url: ObservedClient.baseURL, status: 200, attempt: 1,
                retryDelay: nil, correlationId: "c", requestHeaders: [:], failure: nil, elapsed: .zero))
        #expect(earlier.all.count == 1)
    }

    @Test func theTokenAppearsInNoLogRecordSpanOrMetric() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, Stubs.path, status: 401, json: #"{"error":{"code":"Unauthorized"}}"#)
        let echo = #"{"error":{"code":"ServiceUnavailable","message":"token \#(ObservedClient.token) not checked"}}"#
        stub.enqueue(.get, Stubs.path, status: 503, json: echo)
        stub.enqueue(.get, Stubs.path, status: 200, json: Stubs.successful)
        stub.enqueueFailureQuotingTheToken(.connectionLost, after: "lost after")
        let observed = ObservedClient(transport: stub) { $0.retryPolicy = .none }
        // The 503 (whose body echoes the token) ends the first call under `.none`; the second call gets the 200, the
        // third the failure.
        await #expect(throws: ITwinClientError.self) {
            try await observed.createOperation()
        }
        try await observed.createOperation()
        await #expect(throws: ITwinClientError.self) {
            try await observed.createOperation()
        }

        #expect(stub.requests.count == 4)
        #expect(stub.requests.allSatisfy { $0.headers["Authorization"] == "Bearer \(ObservedClient.token)" })
        let recorded = observed.everyRecordedString
        #expect(observed.logs.entries.count == 4)
        #expect(observed.tracer.finishedSpans.count == 7)
        #expect(recorded.count > 50)
        let leaks = recorded.filter { $0.contains(ObservedClient.token) }
        #expect(leaks.isEmpty, "the token leaked into \(leaks)")
        try stub.verify()
    }

    @Test func overTheSimulatorA429IsRetriedTracedCountedAndLogged() async throws {
        let clock = VirtualClock()
        let simulator = IModelsSimulator(clock: clock)
        let sample = simulator.addSampleData()
        simulator.inject(
            .respond(status: 429, headers: ["Retry-After": "2"], json: Stubs.tooManyRequests),
            on: .get, PathPattern("/imodels/\(sample.bridgeIModelId)"))
        let observed = ObservedClient(transport: simulator, clock: clock, token: sample.accessToken)
        let model = try await observed.run { try await observed.client.iModels.iModel(sample.bridgeIModelId) }

        #expect(model.id == sample.bridgeIModelId)
        let call = try #require(observed.spans(named: "getIModel").only)
        let attempts = observed.spans(named: "GET")
        #expect(attempts.map { $0.parentSpanID } == [call.spanID, call.spanID])
        #expect(attempts.map { $0.attribute("http.response.status_code") } == ["429", "200"])
        #expect(
            simulator.requestLog.map { $0.request.headers["traceparent"] }
                == attempts.map { "00-\($0.traceID)-\($0.spanID)-01" })
        #expect(observed.metrics.counterTotal(label: RequestMetrics.Label.rateLimited) == 1)
        #expect(observed.metrics.counterTotal(label: RequestMetrics.Label.retries) == 1)
        #expect(observed.logs.entries.first?.metadata["imodels.retry_delay_seconds"] == "2.0")
        let leaks = observed.everyRecordedString.filter { $0.contains(sample.accessToken) }
        #expect(leaks.isEmpty)
    }
}
