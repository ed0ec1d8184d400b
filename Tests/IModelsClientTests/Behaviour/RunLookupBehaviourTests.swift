import Foundation
import IModelsTesting
import Testing

@testable import IModelsClient

/// The run lookup of the duplicate-safe `run` never takes another client's run for the one its lost request made
/// (issue 17, defect 2): two clients of one simulator, one of which loses an answer.
@Suite struct RunLookupBehaviourTests {
    /// Passes requests to the simulator, but loses the answer to the first run request after the server acted, and
    /// only once `delay` has passed on the clock (a slow timeout), so other clients can act in between.
    private final class LosesTheFirstRunAnswerLate: HTTPTransport {
        let simulator: IModelsSimulator
        let clock: VirtualClock
        let delay: Duration
        private let lost = Locked(false)

        /// How many answers were lost (at most one).
        var lostCount: Int { lost.withLock { $0 ? 1 : 0 } }

        init(_ bench: SimulatorFixture<WorkflowSeeds>, delay: Duration) {
            simulator = bench.simulator
            clock = bench.clock
            self.delay = delay
        }

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            let response = try await simulator.send(request)
            let isRun = request.method == .post && request.url.absoluteString.hasSuffix("/transformations/")
            guard isRun,
                lost.withLock({ lost in
                    defer { lost = true }
                    return !lost
                })
            else { return response }
            try await clock.sleep(for: delay)
            throw TransportFailure(
                kind: .connectionLost, underlyingDescription: "The network connection was lost.",
                requestMayHaveReachedServer: true)
        }
    }

    /// A second client of the same service (another process running the same configuration).
    private func otherClient(_ bench: SimulatorFixture<WorkflowSeeds>) -> ITwinClient {
        bench.makeClient(configuration: Configuration(environment: .production))
    }

    /// Client 1 runs with queueing and its answer is lost after the server acted (the failure comes back 5 s later);
    /// client 2 runs the same configuration `after` seconds after client 1. Returns what client 1's call ended in,
    /// client 1's run (the one the simulator made first) and client 2's run.
    private func twoQueuedRuns(
        _ bench: SimulatorFixture<WorkflowSeeds>, secondAfter after: Duration
    ) async throws -> (first: Result<Transformation, any Error>, firstRun: String, second: Transformation) {
        let configurationId = try await bench.configuration()
        let lostTransport = LosesTheFirstRunAnswerLate(bench, delay: .seconds(5))
        let client1 = bench.makeClient(configuration: Configuration(environment: .production), transport: lostTransport)
        let client2 = otherClient(bench)
        let (first, second) = try await bench.clock.run {
            async let first: Result<Transformation, any Error> = {
                do {
                    return .success(
                        try await client1.transformations.run(configurationId: configurationId, enableQueueing: true))
                } catch {
                    return .failure(error)
                }
            }()
            try await bench.clock.sleep(for: after)
            let second = try await client2.transformations.run(configurationId: configurationId, enableQueueing: true)
            return await (first, second)
        }
        #expect(lostTransport.lostCount == 1, "client 1's answer was lost")
        let runs = bench.simulator.transformations(of: configurationId)
        #expect(runs.count == 2, "no third run")
        #expect(runs.last?.id == second.id)
        return (first, try #require(runs.first?.id), second)
    }

    /// (A) With queueing, client 2 starts a run 3 s after client 1, whose answer is lost after the server acted:
    /// client 1 gets the run its own request made, not client 2's.
    @Test func aLostQueuedRunIsNotAnsweredWithAnotherClientsLaterRun() async throws {
        let bench = SimulatorFixture.workflow(elementsPerSecond: 10)
        let (first, firstRun, second) = try await twoQueuedRuns(bench, secondAfter: .seconds(3))
        let run = try first.get()
        #expect(run.id == firstRun, "client 1's own run")
        #expect(run.id != second.id)
    }

    /// (A) Client 2's run starts 1 s after client 1's, closer than the service's `Date` header can tell apart: client
    /// 1's call says so, naming both runs (its own first), instead of guessing; nothing is sent again.
    @Test func runsTooCloseToTellApartEndInAnAmbiguousOutcomeNamingThem() async throws {
        let bench = SimulatorFixture.workflow(elementsPerSecond: 10)
        let (first, firstRun, second) = try await twoQueuedRuns(bench, secondAfter: .seconds(1))
        guard case .failure(ITwinClientError.ambiguousOutcome(let operation, let candidates)) = first else {
            Issue.record("expected ambiguousOutcome, got \(first)")
            return
        }
        #expect(operation == "runTransformation")
        #expect(candidates == [firstRun, second.id])
        #expect(bench.runPosts == 2)
    }

    /// (B) Without queueing, client 2's run started 1 s before client 1's request, which is lost before the server
    /// acts: client 1 does not take client 2's run; its one resend gets `409 TransformationInProgress`, as a clean
    /// send would.
    @Test func aRunStartedByAnotherClientJustBeforeALostRequestIsNotTakenForIt() async throws {
        let bench = SimulatorFixture.workflow(elementsPerSecond: 10)
        let configurationId = try await bench.configuration()
        let theirs = try await otherClient(bench).transformations.run(configurationId: configurationId)
        bench.clock.advance(by: .seconds(1))
        bench.simulator.inject(.connectionLostBeforeServerActs, on: .post, "/transformations")
        let error = await captureError {
            _ = try await bench.clock.run {
                try await bench.client.transformations.run(configurationId: configurationId)
            }
        }
        #expect(error?.apiError?.status == 409, "\(String(describing: error))")
        #expect(error?.apiError?.code == "TransformationInProgress")
        #expect(bench.simulator.transformations(of: configurationId).map(\.id) == [theirs.id])
        #expect(bench.runPosts == 3, "their run, the lost request, one resend")
    }
}
