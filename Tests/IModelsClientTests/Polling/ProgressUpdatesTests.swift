import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

/// The SDK's one shape for progress: an update sequence per resource, and `onUpdate:` reporting the same values
/// (LongRunningOperations.md). Driven by a stub and a virtual clock.
@Suite(.verifiesStubTransports) struct ProgressUpdatesTests {
    static let path = PathPattern("/transformations/r1")

    /// A run as the service answers it.
    static func run(_ status: String, _ processed: Int) -> String {
        #"{"transformation":{"id":"r1","status":"\#(status)","processedElementCount":\#(processed)}}"#
    }

    /// A stub answering the runs in order.
    static func stub(_ answers: [(String, Int)]) -> StubTransport {
        let stub = StubTransport()
        for (status, processed) in answers { stub.enqueue(.get, path, json: run(status, processed)) }
        return stub
    }

    static func label(_ run: Transformation) -> String { "\(run.status) \(run.processedElementCount ?? -1)" }

    static let answers = [
        ("Created", 0), ("Created", 0), ("Started", 10), ("Started", 10), ("Started", 10), ("Started", 40),
        ("Succeeded", 100),
    ]

    @Test func updatesComeInOrderWithoutDuplicatesAndEndAfterTheTerminalOne() async throws {
        let stub = Self.stub(Self.answers)
        let clock = VirtualClock()
        let client = makeClient(stub, clock: clock)
        let seen = try await clock.run {
            var seen: [String] = []
            for try await run in client.transformations.transformationUpdates(of: "r1") { seen.append(Self.label(run)) }
            return seen
        }
        #expect(seen == ["Created 0", "Started 10", "Started 40", "Succeeded 100"])
        #expect(stub.requests.count == Self.answers.count, "no poll after the terminal update")
        #expect(clock.sleeperCount == 0)
        try stub.verify()
    }

    @Test func onUpdateReportsExactlyWhatTheSequenceYields() async throws {
        let streamed = try await {
            let clock = VirtualClock()
            let client = makeClient(Self.stub(Self.answers), clock: clock)
            return try await clock.run {
                var seen: [Transformation] = []
                for try await run in client.transformations.transformationUpdates(of: "r1") { seen.append(run) }
                return seen
            }
        }()
        let clock = VirtualClock()
        let client = makeClient(Self.stub(Self.answers), clock: clock)
        let reported = Locked<[Transformation]>([])
        let finished = try await clock.run {
            try await client.transformations.waitUntilFinished("r1") { run in reported.withLock { $0.append(run) } }
        }
        #expect(reported.withLock { $0 } == streamed)
        #expect(reported.withLock { $0.last } == finished, "the last report is the finished run, before it returns")
    }

    @Test func aFailedRunIsYieldedThenTheSequenceFinishesWhileTheWaitThrowsAfterReportingIt() async throws {
        let answers = [("Started", 5), ("Failed", 5)]
        let clock = VirtualClock()
        let streamed = try await clock.run {
            var seen: [String] = []
            let client = makeClient(Self.stub(answers), clock: clock)
            for try await run in client.transformations.transformationUpdates(of: "r1") { seen.append(Self.label(run)) }
            return seen
        }
        #expect(streamed == ["Started 5", "Failed 5"])

        let client = makeClient(Self.stub(answers), clock: clock)
        let reported = Locked<[String]>([])
        let error = await captureError {
            _ = try await clock.run {
                try await client.transformations.waitUntilFinished("r1") { run in
                    reported.withLock { $0.append(Self.label(run)) }
                }
            }
        }
        guard case .transformationFailed(let run)? = error else {
            Issue.record("expected transformationFailed, got \(String(describing: error))")
            return
        }
        #expect(run.status == .failed)
        #expect(reported.withLock { $0 } == streamed)
    }

    @Test func stoppingTheConsumerMidwayCancelsPolling() async throws {
        let stub = Self.stub(Self.answers)
        let clock = VirtualClock()
        let client = makeClient(stub, clock: clock)
        let seen = try await clock.run {
            var seen: [String] = []
            for try await run in client.transformations.transformationUpdates(of: "r1") {
                seen.append(Self.label(run))
                if run.status == .started { break }
            }
            return seen
        }
        #expect(seen == ["Created 0", "Started 10"])
        await clock.settle()
        await clock.run(maxSteps: 10)  // if polling went on, this would let it poll again
        #expect(stub.requests.count == 3)
        #expect(stub.removeUnusedStubs().count == Self.answers.count - 3, "no later poll")
        #expect(clock.sleeperCount == 0)
    }

    @Test func aChangeIsAnyDifferenceOfItsKeyNotOfTheWholeValue() {
        var reported: [String] = []
        var reporter = UpdateReporter<Transformation> { reported.append(Self.label($0)) }
        var run = Transformation(id: "r1", status: .started, processedElementCount: 1)
        reporter.take(run)
        run.totalElementCount = 10  // not part of the key: no report
        reporter.take(run)
        run.processedElementCount = 2
        reporter.take(run)
        run.status = .succeeded
        reporter.take(run)
        #expect(reported == ["Started 1", "Started 2", "Succeeded 2"])

        var states: [CreateOperationState] = []
        var operations = UpdateReporter<CreateOperation> { states.append($0.state) }
        for state in [CreateOperationState.scheduled, .scheduled, .waitingForFile, .scheduled, .successful] {
            operations.take(CreateOperation(state: state, clonedFrom: ClonedFrom(iModelId: "src", changesetId: "")))
        }
        #expect(states == [.scheduled, .waitingForFile, .scheduled, .successful])
    }
}
