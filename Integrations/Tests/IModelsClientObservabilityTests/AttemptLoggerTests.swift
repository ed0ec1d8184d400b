import Foundation
import IModelsClient
import IModelsClientObservability
import IModelsTesting
import InMemoryLogging
import Logging
import Testing

/// `AttemptLogger`: one swift-log record per attempt, from the client's `LogEvent`s.
@Suite struct AttemptLoggerTests {
    @Test func aRetriedCallGivesOneRecordPerAttemptWithTheRetryDelayOnTheFirst() async throws {
        let stub = Stubs.unavailableThenSuccessful()
        let observed = ObservedClient(transport: stub)
        try await observed.createOperation()

        let entries = observed.logs.entries
        try #require(entries.count == 2)
        let correlationId = try #require(stub.requests.first?.headers["X-Correlation-Id"])
        #expect(entries.map { $0.metadata["imodels.attempt"] } == ["1", "2"])
        #expect(entries.map { $0.metadata["http.response.status_code"] } == ["503", "200"])
        #expect(entries.allSatisfy { $0.metadata["imodels.operation"] == "\(Stubs.operation)" })
        #expect(entries.allSatisfy { $0.metadata["imodels.correlation_id"] == "\(correlationId)" })
        #expect(entries.allSatisfy { $0.metadata["http.request.method"] == "GET" })
        #expect(entries.allSatisfy { $0.metadata["imodels.elapsed_seconds"] != nil })
        let delay = try #require(observed.clock.recordedSleeps.first)
        #expect(entries[0].metadata["imodels.retry_delay_seconds"] == "\(seconds(delay))")
        #expect(entries[1].metadata["imodels.retry_delay_seconds"] == nil)
        #expect(entries.map(\.level) == [.info, .debug])
        #expect("\(entries[0].message)".hasPrefix("\(Stubs.operation) GET → 503, retrying in"))
        try stub.verify()
    }

    @Test func aTransportFailureIsLoggedWithoutAStatusAndWithoutTheToken() async throws {
        let stub = StubTransport()
        stub.enqueueFailureQuotingTheToken(.timedOut, after: "no answer to")
        let observed = ObservedClient(transport: stub) { $0.retryPolicy = .none }
        await #expect(throws: ITwinClientError.self) {
            try await observed.createOperation()
        }

        let entry = try #require(observed.logs.entries.only)
        #expect(entry.level == .debug)
        #expect(entry.metadata["http.response.status_code"] == nil)
        let failure = try #require(entry.metadata["imodels.failure"])
        #expect("\(failure)".contains("no answer to"))
        #expect(!"\(failure)".contains(ObservedClient.token))
        try stub.verify()
    }

    @Test func levelsFollowTheOutcome() {
        func event(status: Int?, retryDelay: Duration?) -> IModelsClient.LogEvent {
            IModelsClient.LogEvent(
                operation: "getIModel", method: .get, url: ObservedClient.baseURL, status: status, attempt: 1,
                retryDelay: retryDelay, correlationId: "c", requestHeaders: [:], failure: status == nil ? "lost" : nil,
                elapsed: .zero)
        }
        let library = AttemptLogger.Levels.library
        #expect(library.level(of: event(status: 200, retryDelay: nil)) == .debug)
        #expect(library.level(of: event(status: 503, retryDelay: .seconds(1))) == .info)
        #expect(library.level(of: event(status: 401, retryDelay: .zero)) == .info)
        #expect(library.level(of: event(status: 404, retryDelay: nil)) == .debug)
        let prominent = AttemptLogger.Levels.prominent
        #expect(prominent.level(of: event(status: 201, retryDelay: nil)) == .info)
        #expect(prominent.level(of: event(status: nil, retryDelay: .seconds(2))) == .warning)
        #expect(prominent.level(of: event(status: nil, retryDelay: nil)) == .error)
        #expect(prominent.level(of: event(status: 500, retryDelay: nil)) == .error)
    }

    @Test func aLoggerAboveTheLevelOfAnOutcomeRecordsNothingOfIt() async throws {
        let stub = Stubs.unavailableThenSuccessful()
        var handler = InMemoryLogHandler()
        handler.logLevel = .info
        var configuration = Configuration(
            environment: .custom(ObservedClient.baseURL), clock: VirtualClock(), jitterSeed: 42)
        configuration = configuration.observed(
            logger: Logger(label: "quiet", factory: { _ in handler }), tracer: nil, metrics: nil)
        let client = ITwinClient(configuration: configuration, accessToken: { ObservedClient.token }, transport: stub)
        let clock = try #require(configuration.clock as? VirtualClock)
        _ = try await clock.run { try await client.iModels.createOperation(of: "abc") }

        #expect(handler.entries.map { $0.metadata["imodels.attempt"] } == ["1"])
        try stub.verify()
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
