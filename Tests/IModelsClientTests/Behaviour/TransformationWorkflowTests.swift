import Foundation
import IModelsTesting
import Testing

@testable import IModelsClient

/// A client and a simulator sharing one virtual clock, with a few iModels in one iTwin.
private struct WorkflowBench {
    static let token = "workflow-token"

    let clock = VirtualClock()
    let simulator: IModelsSimulator
    let client: ITwinClient
    let iTwin: String
    /// "Bridge", 3 changesets, 1,000 elements.
    let source: String
    /// "Tunnel", 1 changeset, 2,000 elements.
    let secondSource: String
    /// An empty target.
    let target: String

    /// A world whose runs process `elementsPerSecond` elements a second (the simulator's default is 500).
    init(elementsPerSecond: Int = 500) {
        simulator = IModelsSimulator(
            clock: clock, options: SimulatorOptions(transformationElementsPerSecond: elementsPerSecond))
        iTwin = simulator.addITwin(name: "Bridges")
        source = simulator.addIModel(
            SimulatorIModelSeed(iTwinId: iTwin, name: "Bridge", changesetCount: 3, elementCount: 1_000))
        secondSource = simulator.addIModel(
            SimulatorIModelSeed(iTwinId: iTwin, name: "Tunnel", changesetCount: 1, elementCount: 2_000))
        target = simulator.addIModel(SimulatorIModelSeed(iTwinId: iTwin, name: "Target", elementCount: 0))
        simulator.addAccessToken(Self.token)
        client = ITwinClient(
            configuration: Configuration(environment: .production, clock: clock), accessToken: { Self.token },
            transport: simulator)
    }

    /// An ImportIModel of `source` (by default "Bridge") into the target.
    func importRequest(from source: String? = nil) -> ImportIModelConfigurationRequest {
        ImportIModelConfigurationRequest(
            transformName: "Import", sourceProjectId: iTwin, sourceIModelId: source ?? self.source,
            targetProjectId: iTwin, targetIModelId: target, comment: "Imported")
    }

    /// Creates an ImportIModel configuration through the client.
    func configuration(from source: String? = nil) async throws -> String {
        try await client.transformations.createImportIModelConfiguration(importRequest(from: source)).id
    }

    /// The POSTs of runs (`POST /transformations/`) the simulator received.
    var runPosts: Int {
        simulator.requestLog.filter {
            $0.request.method == .post && $0.request.url.absoluteString == "https://api.bentley.com/transformations/"
        }.count
    }
}

/// Collects workflow events from a `@Sendable` callback.
private final class EventLog: Sendable {
    private let events = Locked<[WorkflowEvent]>([])
    var all: [WorkflowEvent] { events.withLock { $0 } }
    func record(_ event: WorkflowEvent) { events.withLock { $0.append(event) } }

    /// A short name for each event, in order.
    var names: [String] {
        all.map { event in
            switch event {
            case .configurationCreated(let configuration): return "configuration \(configuration.transformType)"
            case .runStarted: return "run"
            case .runUpdated(let run): return "update \(run.status)"
            case .creationAccepted: return "fork"
            case .creationUpdated(_, let operation): return "creation \(operation.state)"
            case .populatingFederationGuids: return "populate"
            case .deletedFailedFork: return "deleted"
            }
        }
    }
}

/// ITwinClient's transformation workflows against the simulator, end to end in virtual time.
@Suite struct TransformationWorkflowTests {
    @Test func importingAnIModelAddsItsSubjectToTheTarget() async throws {
        // 1,000 elements at 50 a second: 20 s in `Started`, long enough for a poll to see it.
        let bench = WorkflowBench(elementsPerSecond: 50)
        let events = EventLog()
        let client = bench.client
        let request = bench.importRequest()
        let run = try await bench.clock.run {
            try await client.importIModel(request, progress: { events.record($0) })
        }
        #expect(run.status == .succeeded)
        #expect(run.processedElementCount == 1_000 && run.totalElementCount == 1_000)
        let subjects = bench.simulator.subjects(of: bench.target)
        #expect(subjects.map(\.codeValue) == [bench.source])
        #expect(subjects.map(\.userLabel) == ["Bridge"])
        #expect(bench.simulator.changesets(of: bench.target).last?.description == "Imported")

        let configurationId = try #require(run.configurationId)
        #expect(bench.simulator.configurationIds == [configurationId])
        let configuration = try await client.transformations.configuration(configurationId)
        #expect(configuration.transformType == .importIModel && configuration.parameters == .none)
        #expect(configuration.sourceIModelId == bench.source && configuration.targetIModelId == bench.target)

        let names = events.names
        #expect(names.prefix(2) == ["configuration ImportIModel", "run"])
        #expect(names.last == "update Succeeded")
        #expect(names.contains("update Started"))
    }

    @Test func importingAgainReusesTheConfigurationIncrementally() async throws {
        let bench = WorkflowBench()
        let client = bench.client
        let request = bench.importRequest()
        let first = try await bench.clock.run { try await client.importIModel(request) }
        let configurationId = try #require(first.configurationId)
        let changesets = bench.simulator.changesets(of: bench.target).count
        let second = try await bench.clock.run { try await client.importIModel(reusing: configurationId) }
        #expect(second.status == .succeeded)
        #expect(second.id != first.id)
        #expect(second.totalElementCount == 0)
        #expect(bench.simulator.changesets(of: bench.target).count == changesets)
        #expect(bench.simulator.transformations(of: configurationId).map(\.id) == [first.id, second.id])
        #expect(bench.simulator.subjects(of: bench.target).count == 1)
    }

    @Test func configurationsAndRunsAreListedAndDeletedThroughTheClient() async throws {
        let bench = WorkflowBench()
        let client = bench.client
        let request = bench.importRequest()
        let run = try await bench.clock.run { try await client.importIModel(request) }
        let configurationId = try #require(run.configurationId)
        let configurations = try await client.transformations.configurations(inProject: bench.iTwin).collect()
        #expect(configurations.map(\.id) == [configurationId])
        #expect(configurations.first?.transformType == .importIModel)
        #expect(configurations.first?.targetIModelId == bench.target)
        let runs = try await client.transformations.transformations(of: configurationId).collect()
        #expect(runs.map(\.id) == [run.id])
        #expect(runs.first?.status == .succeeded)
        #expect(try await client.transformations.transformation(run.id).processedElementCount == 1_000)

        try await client.transformations.deleteConfiguration(configurationId)
        #expect(bench.simulator.configurationIds.isEmpty)
        let gone = await captureError { _ = try await client.transformations.configuration(configurationId) }
        #expect(gone?.apiError?.status == 404)
        #expect(gone?.apiError?.code == .configurationNotFound)
    }

    @Test func aFailedRunEndsTheWaitWithItsMessageAndAWarning() async throws {
        let bench = WorkflowBench()
        bench.simulator.setTransformationsFail(targeting: bench.target, message: "Conflicting ECSchemas.")
        let events = EventLog()
        let client = bench.client
        let request = bench.importRequest()
        let error = await captureError {
            _ = try await bench.clock.run { try await client.importIModel(request, progress: { events.record($0) }) }
        }
        guard case .transformationFailed(let run)? = error else {
            Issue.record("expected transformationFailed, got \(String(describing: error))")
            return
        }
        #expect(run.status == .failed)
        #expect(run.errorMessage == "Conflicting ECSchemas.")
        let description = try #require(error?.description)
        #expect(description.contains("Conflicting ECSchemas."))
        #expect(description.contains("may leave the target iModel unusable"))
        #expect(events.names.last == "update Failed")
        #expect(bench.simulator.subjects(of: bench.target).isEmpty)
    }

    @Test func cancellingARunningTransformationEndsItsWaitAborted() async throws {
        let bench = WorkflowBench()
        let client = bench.client
        let clock = bench.clock
        let configurationId = try await bench.configuration()
        let run = try await client.transformations.run(configurationId: configurationId)
        let outcome = await captureError {
            try await clock.run {
                async let waited = client.transformations.waitUntilFinished(run.id)
                try await clock.sleep(for: .milliseconds(4_500))
                let cancelled = try await client.transformations.cancel(run.id)
                #expect(cancelled.status == .aborted)
                #expect(cancelled.processedElementCount == 250)
                _ = try await waited
            }
        }
        guard case .transformationFailed(let aborted)? = outcome else {
            Issue.record("expected transformationFailed, got \(String(describing: outcome))")
            return
        }
        #expect(aborted.id == run.id && aborted.status == .aborted)
        #expect(outcome?.description.contains("was aborted") == true)
        #expect(bench.simulator.transformations(of: configurationId).map(\.status) == [.aborted])
        #expect(bench.simulator.subjects(of: bench.target).isEmpty)

        bench.clock.advance(by: .seconds(60))
        let finished = try await client.transformations.run(configurationId: configurationId)
        try await clock.run { _ = try await client.transformations.waitUntilFinished(finished.id) }
        let refused = await captureError { _ = try await client.transformations.cancel(finished.id) }
        #expect(refused?.apiError?.status == 409)
    }

    @Test func aSecondRunOnTheSameTargetNeedsQueueing() async throws {
        let bench = WorkflowBench()
        let client = bench.client
        let first = try await bench.configuration()
        let second = try await bench.configuration(from: bench.secondSource)
        let running = try await client.transformations.run(configurationId: first)
        let refused = await captureError { _ = try await client.transformations.run(configurationId: second) }
        #expect(refused?.apiError?.status == 409)
        #expect(refused?.apiError?.code == "TransformationInProgress")
        #expect(bench.simulator.transformations(of: second).isEmpty)

        let queued = try await client.transformations.run(configurationId: second, enableQueueing: true)
        #expect(queued.status == .created)
        let (one, two) = try await bench.clock.run {
            async let one = client.transformations.waitUntilFinished(running.id)
            async let two = client.transformations.waitUntilFinished(queued.id)
            return try await (one, two)
        }
        #expect(one.status == .succeeded && two.status == .succeeded)
        let firstFinished = try #require(one.finishedDateTime)
        #expect(try #require(two.startedDateTime) >= firstFinished)
        #expect(Set(bench.simulator.subjects(of: bench.target).map(\.codeValue)) == [bench.source, bench.secondSource])
        #expect(bench.runPosts == 3)
    }

    @Test func aForkMissingFederationGuidsIsRecoveredByPopulatingThem() async throws {
        let bench = WorkflowBench()
        let main = bench.simulator.addIModel(
            SimulatorIModelSeed(
                iTwinId: bench.iTwin, name: "Main", changesetCount: 2, isMissingFederationGuids: true,
                elementCount: 500))
        let client = bench.client
        let iTwin = bench.iTwin

        let plain = await captureError {
            _ = try await bench.clock.run { try await client.forkAndWait(main, into: iTwin, name: "Plain fork") }
        }
        guard case .creationFailed(let plainId, let state)? = plain else {
            Issue.record("expected creationFailed, got \(String(describing: plain))")
            return
        }
        #expect(state == .mainIModelIsMissingFederationGuids)
        #expect(plain?.description.contains("PopulateFederationGuids") == true)
        #expect(bench.simulator.iModel(plainId) != nil)
        #expect(bench.simulator.isMissingFederationGuids(main))

        let events = EventLog()
        let fork = try await bench.clock.run {
            try await client.forkAndWait(
                main, into: iTwin, name: "Fork", populatingFederationGuids: true, progress: { events.record($0) })
        }
        #expect(fork.name == "Fork")
        #expect(fork.state == .initialized)
        #expect(bench.simulator.createOperation(of: fork.id)?.state == .successful)
        #expect(bench.simulator.createOperation(of: fork.id)?.forkedFrom?.iModelId == main)
        #expect(!bench.simulator.isMissingFederationGuids(main))
        #expect(bench.simulator.iModels(in: iTwin).filter { $0.name == "Fork" }.map(\.id) == [fork.id])

        let deleted = events.all.compactMap { event -> String? in
            if case .deletedFailedFork(let id) = event { return id }
            return nil
        }
        let failedFork = try #require(deleted.first)
        #expect(deleted.count == 1 && failedFork != fork.id)
        #expect(bench.simulator.iModel(failedFork) == nil)
        let names = events.names
        #expect(names.first == "fork")
        #expect(
            names.dropFirst().prefix(5) == [
                "creation scheduled", "creation mainIModelIsMissingFederationGuids", "populate",
                "configuration PopulateFederationGuids", "run",
            ])
        #expect(names.suffix(4) == ["deleted", "fork", "creation scheduled", "creation successful"])
        let populate = try #require(bench.simulator.configurationIds.first)
        #expect(bench.simulator.configurationIds.count == 1)
        #expect(bench.simulator.transformations(of: populate).map(\.status) == [.succeeded])
    }

    @Test func recoveryIsTriedOnceAndASecondMissingStateIsCreationFailed() async throws {
        let bench = WorkflowBench()
        let main = bench.simulator.addIModel(
            SimulatorIModelSeed(iTwinId: bench.iTwin, name: "Main", isMissingFederationGuids: true))
        let client = bench.client
        let iTwin = bench.iTwin
        let simulator = bench.simulator
        let events = EventLog()
        let error = await captureError {
            _ = try await bench.clock.run {
                try await client.forkAndWait(
                    main, into: iTwin, name: "Fork", populatingFederationGuids: true,
                    progress: { event in
                        events.record(event)
                        // Something marks the main iModel again before the second fork.
                        if case .deletedFailedFork = event { simulator.setMissingFederationGuids(true, for: main) }
                    })
            }
        }
        guard case .creationFailed(let secondFork, let state)? = error else {
            Issue.record("expected creationFailed, got \(String(describing: error))")
            return
        }
        #expect(state == .mainIModelIsMissingFederationGuids)
        #expect(bench.simulator.iModel(secondFork)?.name == "Fork")
        #expect(events.names.filter { $0 == "populate" }.count == 1)
        #expect(events.names.filter { $0 == "fork" }.count == 2)
    }

    @Test func aForkIsMergedBackIntoItsMainIModel() async throws {
        let bench = WorkflowBench()
        let client = bench.client
        let iTwin = bench.iTwin
        let main = bench.source
        let fork = try await bench.clock.run { try await client.forkAndWait(main, into: iTwin, name: "Bridge fork") }
        let changesets = bench.simulator.changesets(of: main).count
        let events = EventLog()
        let merged = try await bench.clock.run {
            try await client.merge(
                fork: fork.id, into: main, comment: "Merge the fork", progress: { events.record($0) })
        }
        #expect(merged.status == .succeeded)
        #expect(bench.simulator.merges(into: main) == [fork.id])
        #expect(bench.simulator.changesets(of: main).count == changesets + 1)
        #expect(bench.simulator.changesets(of: main).last?.description == "Merge the fork")
        #expect(events.names.first == "configuration MergeIModel")
        let configuration = try await client.transformations.configuration(try #require(merged.configurationId))
        #expect(configuration.sourceIModelId == fork.id && configuration.targetIModelId == main)

        let unrelated = bench.secondSource
        let error = await captureError {
            _ = try await bench.clock.run { try await client.merge(fork: unrelated, into: main) }
        }
        guard case .transformationFailed(let run)? = error else {
            Issue.record("expected transformationFailed, got \(String(describing: error))")
            return
        }
        #expect(run.errorMessage?.contains("not related") == true)
        #expect(bench.simulator.merges(into: main) == [fork.id])
    }

    @Test(arguments: [
        ("lost after the server acted", SimulatorFault.connectionLostAfterServerActs, 1),
        ("timed out after the server acted", SimulatorFault.timeout(afterServerActs: true), 1),
        ("lost before the server acted", SimulatorFault.connectionLostBeforeServerActs, 2),
    ])
    func aLostRunRequestDoesNotStartASecondRun(_ name: String, _ fault: SimulatorFault, _ posts: Int) async throws {
        let bench = WorkflowBench()
        let client = bench.client
        let configurationId = try await bench.configuration()
        bench.simulator.inject(fault, on: .post, "/transformations")
        let run = try await bench.clock.run { try await client.importIModel(reusing: configurationId) }
        #expect(run.status == .succeeded, "\(name)")
        let runs = bench.simulator.transformations(of: configurationId)
        #expect(runs.count == 1, "\(name)")
        #expect(runs.first?.id == run.id)
        #expect(bench.runPosts == posts, "\(name)")
        #expect(bench.simulator.subjects(of: bench.target).count == 1)
    }

    @Test func aLostRerunRequestIsNotMistakenForTheRunAMinuteEarlier() async throws {
        let bench = WorkflowBench()
        let client = bench.client
        let configurationId = try await bench.configuration()
        let first = try await bench.clock.run { try await client.importIModel(reusing: configurationId) }
        #expect(first.status == .succeeded)
        // The first run ended seconds ago, well inside any clock-skew window; the service's `Date` header places it
        // before the rerun request.
        bench.simulator.inject(.connectionLostBeforeServerActs, on: .post, "/transformations")
        let second = try await bench.clock.run { try await client.importIModel(reusing: configurationId) }
        #expect(second.id != first.id, "the earlier run is not returned as the rerun")
        #expect(bench.simulator.transformations(of: configurationId).map(\.id) == [first.id, second.id])
        #expect(bench.runPosts == 3, "the first run, the lost rerun, and its one resend")
    }

    /// A run queued right after another of the same configuration, whose request fails before the server acts, is
    /// not taken for the run the client returned a moment earlier: the lookup cannot tell them apart by date.
    @Test(arguments: [
        SimulatorFault.connectionLostBeforeServerActs, .respond(status: 503), .respond(status: 500),
    ])
    func aLostQueuedRunIsNotMistakenForTheRunTheClientJustStarted(_ fault: SimulatorFault) async throws {
        let bench = WorkflowBench()
        let client = bench.client
        let configurationId = try await bench.configuration()
        let first = try await client.transformations.run(configurationId: configurationId)
        bench.simulator.inject(fault, on: .post, "/transformations")
        let second = try await bench.clock.run {
            try await client.transformations.run(configurationId: configurationId, enableQueueing: true)
        }
        #expect(second.id != first.id, "the run started a moment earlier is not returned as the queued one")
        #expect(bench.simulator.transformations(of: configurationId).map(\.id) == [first.id, second.id])
        #expect(bench.runPosts == 3, "the first run, the failed request, and its one resend")
    }

    @Test func aLostRunRequestOfTheImportWorkflowDoesNotStartASecondRun() async throws {
        let bench = WorkflowBench()
        let client = bench.client
        let request = bench.importRequest()
        bench.simulator.inject(.connectionLostAfterServerActs, on: .post, "/transformations")
        let run = try await bench.clock.run { try await client.importIModel(request) }
        let configurationId = try #require(run.configurationId)
        #expect(bench.simulator.transformations(of: configurationId).count == 1)
        #expect(bench.simulator.configurationIds == [configurationId])
        #expect(bench.runPosts == 1)
    }

    @Test func updatesYieldOneElementPerStatusOrProgressChange() async throws {
        let bench = WorkflowBench()
        let big = bench.simulator.addIModel(
            SimulatorIModelSeed(iTwinId: bench.iTwin, name: "Big", changesetCount: 1, elementCount: 20_000))
        let client = bench.client
        let configurationId = try await bench.configuration(from: big)
        let run = try await client.transformations.run(configurationId: configurationId)
        let seen = try await bench.clock.run {
            var seen: [Transformation] = []
            for try await update in client.transformations.transformationUpdates(of: run.id) {
                seen.append(update)
            }
            return seen
        }
        let keys = seen.map { "\($0.status) \($0.processedElementCount ?? -1)" }
        #expect(seen.first?.status == .created)
        #expect(seen.last?.status == .succeeded)
        #expect(seen.last?.processedElementCount == 20_000)
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 != $1 }, "\(keys)")
        let started = seen.filter { $0.status == .started }.compactMap(\.processedElementCount)
        #expect(started.count >= 2, "\(keys)")
        #expect(zip(started, started.dropFirst()).allSatisfy { $0 < $1 }, "\(keys)")
        let order: [TransformationStatus] = [.created, .initializing, .started, .succeeded]
        let ranks = seen.compactMap { order.firstIndex(of: $0.status) }
        #expect(ranks.count == seen.count && ranks == ranks.sorted(), "\(keys)")
        let polls = bench.simulator.requestLog.filter {
            $0.request.method == .get && $0.request.url.path == "/transformations/\(run.id)"
        }
        #expect(polls.count > seen.count, "unchanged polls are not yielded")
    }

    @Test func waitingPastTheDeadlineTimesOutWithTheLastStatus() async throws {
        let bench = WorkflowBench()
        let client = bench.client
        let run = try await client.transformations.run(configurationId: try await bench.configuration())
        let error = await captureError {
            _ = try await bench.clock.run {
                try await client.transformations.waitUntilFinished(run.id, timeout: .seconds(3))
            }
        }
        guard case .timedOut(_, let resourceId, let lastState)? = error else {
            Issue.record("expected timedOut, got \(String(describing: error))")
            return
        }
        #expect(resourceId == run.id)
        #expect(lastState == "Initializing")
    }

    // MARK: - Issue 17, defect 2: the run lookup never takes another client's run

    /// Passes requests to the simulator, but loses the answer to the first run request after the server acted, and
    /// only once `delay` has passed on the clock (a slow timeout), so other clients can act in between.
    private final class LosesTheFirstRunAnswerLate: HTTPTransport {
        let simulator: IModelsSimulator
        let clock: VirtualClock
        let delay: Duration
        private let lost = Locked(false)

        /// How many answers were lost (at most one).
        var lostCount: Int { lost.withLock { $0 ? 1 : 0 } }

        init(_ bench: WorkflowBench, delay: Duration) {
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
    private func otherClient(_ bench: WorkflowBench) -> ITwinClient {
        ITwinClient(
            configuration: Configuration(environment: .production, clock: bench.clock),
            accessToken: { WorkflowBench.token }, transport: bench.simulator)
    }

    /// Client 1 runs with queueing and its answer is lost after the server acted (the failure comes back 5 s later);
    /// client 2 runs the same configuration `after` seconds after client 1. Returns what client 1's call ended in,
    /// client 1's run (the one the simulator made first) and client 2's run.
    private func twoQueuedRuns(
        _ bench: WorkflowBench, secondAfter after: Duration
    ) async throws -> (first: Result<Transformation, any Error>, firstRun: String, second: Transformation) {
        let configurationId = try await bench.configuration()
        let lostTransport = LosesTheFirstRunAnswerLate(bench, delay: .seconds(5))
        let client1 = ITwinClient(
            configuration: Configuration(environment: .production, clock: bench.clock),
            accessToken: { WorkflowBench.token }, transport: lostTransport)
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
        let bench = WorkflowBench(elementsPerSecond: 10)
        let (first, firstRun, second) = try await twoQueuedRuns(bench, secondAfter: .seconds(3))
        let run = try first.get()
        #expect(run.id == firstRun, "client 1's own run")
        #expect(run.id != second.id)
    }

    /// (A) Client 2's run starts 1 s after client 1's, closer than the service's `Date` header can tell apart: client
    /// 1's call says so, naming both runs (its own first), instead of guessing; nothing is sent again.
    @Test func runsTooCloseToTellApartEndInAnAmbiguousOutcomeNamingThem() async throws {
        let bench = WorkflowBench(elementsPerSecond: 10)
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
        let bench = WorkflowBench(elementsPerSecond: 10)
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

/// An empty iModel made with `createIModel` can be imported into at once: the call waits until the simulator, like
/// the service, has initialized it (https://developer.bentley.com/apis/imodels-v2/operations/create-imodel/, and
/// Bentley's TypeScript client's `createEmpty`).
@Suite struct CreateThenImportTests {
    @Test func anImportIntoAFreshEmptyIModelSucceeds() async throws {
        let bench = WorkflowBench()
        let start = bench.clock.now
        let (created, run) = try await bench.clock.run {
            let created = try await bench.client.iModels.createIModel(in: bench.iTwin, name: "Fresh")
            let run = try await bench.client.importIModel(
                ImportIModelConfigurationRequest(
                    transformName: "Import", sourceProjectId: bench.iTwin, sourceIModelId: bench.source,
                    targetProjectId: bench.iTwin, targetIModelId: created.id, comment: "Imported"))
            return (created, run)
        }
        #expect(created.state == .initialized)
        #expect(run.status == .succeeded)
        #expect(bench.simulator.subjects(of: created.id).map(\.userLabel) == ["Bridge"])
        #expect(bench.clock.now.timeIntervalSince(start) >= 5, "the empty iModel took its 5 s to initialize")
    }

    /// What `createIModel` guards against: a run started on an empty iModel before it is initialized fails.
    @Test func aRunOnAnEmptyIModelThatIsNotInitializedFails() async throws {
        let bench = WorkflowBench()
        let body = #"{"iTwinId":"\#(bench.iTwin)","name":"Too soon","creationMode":"empty"}"#
        let created = try await bench.simulator.send(
            HTTPRequest(
                method: .post, url: URL(string: "https://api.bentley.com/imodels")!,
                headers: [
                    "Authorization": "Bearer \(WorkflowBench.token)", "Content-Type": "application/json",
                    "Accept": "application/vnd.bentley.itwin-platform.v2+json",
                ],
                body: Data(body.utf8)))
        #expect(created.status == 201)
        let id = try #require(bench.simulator.iModels(in: bench.iTwin).first { $0.name == "Too soon" }?.id)
        let error = await captureError {
            _ = try await bench.clock.run {
                try await bench.client.importIModel(
                    ImportIModelConfigurationRequest(
                        transformName: "Import", sourceProjectId: bench.iTwin, sourceIModelId: bench.source,
                        targetProjectId: bench.iTwin, targetIModelId: id, comment: "Imported"))
            }
        }
        guard case .transformationFailed(let run)? = error else {
            Issue.record("expected transformationFailed, got \(String(describing: error))")
            return
        }
        #expect(run.errorMessage?.contains("not initialized") == true)
    }
}
