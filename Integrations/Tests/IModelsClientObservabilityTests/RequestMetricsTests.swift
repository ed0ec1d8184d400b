import CoreMetrics
import Foundation
import IModelsClient
import IModelsClientObservability
import IModelsTesting
import MetricsTestKit
import Testing

/// `RequestMetrics`: requests, retries and `429`s counted, attempts timed, from the client's `LogEvent`s.
@Suite struct RequestMetricsTests {
    typealias Label = RequestMetrics.Label

    @Test func aRetriedCallCountsTwoRequestsAndOneRetry() async throws {
        let stub = Stubs.unavailableThenSuccessful()
        let observed = ObservedClient(transport: stub)
        try await observed.createOperation()

        let metrics = observed.metrics
        let call = [("operation", Stubs.operation), ("method", "GET")]
        #expect(metrics.counterTotal(label: Label.requests) == 2)
        #expect(try metrics.expectCounter(Label.requests, call + [("status_class", "5xx")]).totalValue == 1)
        #expect(try metrics.expectCounter(Label.requests, call + [("status_class", "2xx")]).totalValue == 1)
        #expect(try metrics.expectCounter(Label.retries, call).totalValue == 1)
        #expect(metrics.counterTotal(label: Label.rateLimited) == 0)
        let timed = metrics.timers(label: Label.attemptDuration)
        #expect(timed.map(\.values.count).reduce(0, +) == 2)
        #expect(timed.allSatisfy { $0.displayUnit == .seconds })
        try stub.verify()
    }

    @Test func a429IsCountedAsRateLimitedAndItsRetryAsARetry() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, Stubs.path, status: 429, headers: ["Retry-After": "3"], json: Stubs.tooManyRequests)
        stub.enqueue(.get, Stubs.path, status: 200, json: Stubs.successful)
        let observed = ObservedClient(transport: stub)
        try await observed.createOperation()

        let call = [("operation", Stubs.operation), ("method", "GET")]
        #expect(try observed.metrics.expectCounter(Label.rateLimited, call).totalValue == 1)
        #expect(try observed.metrics.expectCounter(Label.retries, call).totalValue == 1)
        #expect(observed.metrics.counterTotal(label: Label.requests, dimensions: [("status_class", "4xx")]) == 1)
        #expect(observed.clock.recordedSleeps.contains(.seconds(3)))
        try stub.verify()
    }

    @Test func anAttemptWithoutAnAnswerHasTheStatusClassNone() async throws {
        let stub = StubTransport()
        stub.enqueue(
            .get, Stubs.path,
            failure: TransportFailure(
                operation: Stubs.operation, kind: .cannotConnect, underlyingDescription: "refused",
                requestMayHaveReachedServer: false))
        let observed = ObservedClient(transport: stub) { $0.retryPolicy = .none }
        await #expect(throws: ITwinClientError.self) {
            try await observed.createOperation()
        }

        #expect(observed.metrics.counterTotal(label: Label.requests, dimensions: [("status_class", "none")]) == 1)
        #expect(observed.metrics.counterTotal(label: Label.retries) == 0)
        try stub.verify()
    }

    @Test func theLabelsAreStable() {
        #expect(Label.requests == "imodels_client_requests_total")
        #expect(Label.retries == "imodels_client_retries_total")
        #expect(Label.rateLimited == "imodels_client_rate_limited_total")
        #expect(Label.attemptDuration == "imodels_client_attempt_duration_seconds")
    }
}
