import Foundation
import IModelsTesting
import Testing

@testable import IModelsClient

/// Collects workflow events from a `@Sendable` callback.
final class EventLog: Sendable {
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
            case .namedVersionsCopied: return "named versions"
            }
        }
    }
}

/// ITwinClient's transformation workflows against the simulator, end to end in virtual time.
@Suite struct TransformationWorkflowTests {
    @Test func importingAnIModelAddsItsSubjectToTheTarget() async throws {
        // 1,000 elements at 50 a second: 20 s in `Started`, long enough for a poll to see it.
        let bench = SimulatorFixture.workflow(elementsPerSecond: 50)
        let events = EventLog()
        let client = bench.client
        let request = bench.importRequest()
        let run = try await bench.clock.run {
            try await client.importIModel(request, onUpdate: { events.record($0) })
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
        let bench = SimulatorFixture.workflow()
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
        let bench = SimulatorFixture.workflow()
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
        let bench = SimulatorFixture.workflow()
        bench.simulator.setTransformationsFail(targeting: bench.target, message: "Conflicting ECSchemas.")
        let events = EventLog()
        let client = bench.client
        let request = bench.importRequest()
        let error = await captureError {
            _ = try await bench.clock.run { try await client.importIModel(request, onUpdate: { events.record($0) }) }
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
        let bench = SimulatorFixture.workflow()
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
        let bench = SimulatorFixture.workflow()
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
        let bench = SimulatorFixture.workflow()
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
                main, into: iTwin, name: "Fork", populatingFederationGuids: true, onUpdate: { events.record($0) })
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
        let bench = SimulatorFixture.workflow()
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
                    onUpdate: { event in
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
        let bench = SimulatorFixture.workflow()
        let client = bench.client
        let iTwin = bench.iTwin
        let main = bench.source
        let fork = try await bench.clock.run { try await client.forkAndWait(main, into: iTwin, name: "Bridge fork") }
        let changesets = bench.simulator.changesets(of: main).count
        let events = EventLog()
        let merged = try await bench.clock.run {
            try await client.merge(
                fork: fork.id, into: main, comment: "Merge the fork", onUpdate: { events.record($0) })
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
        let bench = SimulatorFixture.workflow()
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
        let bench = SimulatorFixture.workflow()
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
        let bench = SimulatorFixture.workflow()
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
        let bench = SimulatorFixture.workflow()
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
        let bench = SimulatorFixture.workflow()
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
        let bench = SimulatorFixture.workflow()
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
}
