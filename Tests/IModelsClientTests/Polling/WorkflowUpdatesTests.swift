import Foundation
import IModelsClient
import IModelsTesting
import Testing

extension EventLog {
    /// Each event in order, with the progress of creations and runs left out: the workflow's own steps.
    var steps: [String] {
        all.compactMap { event in
            switch event {
            case .creationAccepted: return "accepted"
            case .populatingFederationGuids: return "populate"
            case .configurationCreated(let configuration): return "configuration \(configuration.transformType)"
            case .runStarted: return "run"
            case .deletedFailedFork: return "deleted"
            case .namedVersionsCopied: return "named versions"
            case .creationUpdated, .runUpdated: return nil
            }
        }
    }

    /// Whether no event equals the one before it.
    var hasNoRepeats: Bool { zip(all, all.dropFirst()).allSatisfy { $0 != $1 } }
}

/// Workflow steps reported in the SDK's one progress shape: `onUpdate:` with `WorkflowEvent`s, whose creation and run
/// updates are the values the update sequences yield.
@Suite struct WorkflowUpdatesTests {
    @Test func cloneAndWaitReportsTheAcceptedCreationThenEachStateOnce() async throws {
        let service = SimulatorFixture.behaviour()
        let client = service.client
        let events = EventLog()
        let model = try await service.clock.run {
            try await client.cloneAndWait(
                service.source, into: service.otherITwin, name: "Copy", onUpdate: { events.record($0) })
        }
        let all = events.all
        guard case .creationAccepted(let creation)? = all.first else {
            Issue.record("expected creationAccepted first, got \(all)")
            return
        }
        #expect(creation.iModelId == model.id)
        let states = all.dropFirst().compactMap { event -> CreateOperationState? in
            guard case .creationUpdated(let iModelId, let operation) = event, iModelId == model.id else { return nil }
            return operation.state
        }
        #expect(states.count == all.count - 1, "only the accepted iModel's updates follow")
        #expect(states.first == .scheduled && states.last == .successful)
        #expect(events.hasNoRepeats)
    }

    @Test func forkAndWaitRecoversUntilInitializedAndReportsEachStepInOrder() async throws {
        let service = SimulatorFixture.behaviour(missingFederationGuids: true)
        let client = service.client
        let events = EventLog()
        let fork = try await service.clock.run {
            try await client.forkAndWait(
                service.source, into: service.iTwin, name: "Fork", populatingFederationGuids: true,
                until: .initialized, onUpdate: { events.record($0) })
        }
        #expect(fork.state == .initialized)
        #expect(!service.simulator.isMissingFederationGuids(service.source))
        #expect(
            events.steps == [
                "accepted", "populate", "configuration PopulateFederationGuids", "run", "deleted", "accepted",
            ])
        let all = events.all
        let populate = try #require(all.firstIndex(of: .populatingFederationGuids(mainIModelId: service.source)))
        guard case .creationUpdated(_, let failed) = all[populate - 1] else {
            Issue.record("expected the failed fork's state before the recovery, got \(all[populate - 1])")
            return
        }
        #expect(failed.state == .mainIModelIsMissingFederationGuids)
        let deleted = try #require(all.firstIndex { if case .deletedFailedFork = $0 { true } else { false } })
        guard case .runUpdated(let population) = all[deleted - 1] else {
            Issue.record("expected the finished population run before the deletion, got \(all[deleted - 1])")
            return
        }
        #expect(population.status == .succeeded)
        guard case .creationAccepted(let second) = all[deleted + 1] else {
            Issue.record("expected the second fork after the deletion, got \(all[deleted + 1])")
            return
        }
        #expect(second.iModelId == fork.id)
        #expect(events.hasNoRepeats)
    }

    @Test func importIModelReportsItsStepsThenTheRunsUpdatesEndingWithTheFinishedRun() async throws {
        let service = SimulatorFixture.behaviour(options: SimulatorOptions(transformationElementsPerSecond: 50))
        let target = service.simulator.addIModel(
            SimulatorIModelSeed(iTwinId: service.iTwin, name: "Target", elementCount: 0))
        let request = ImportIModelConfigurationRequest(
            transformName: "Import", sourceProjectId: service.iTwin, sourceIModelId: service.source,
            targetProjectId: service.iTwin, targetIModelId: target, comment: "Imported")
        let client = service.client
        let events = EventLog()
        let run = try await service.clock.run {
            try await client.importIModel(request, onUpdate: { events.record($0) })
        }
        #expect(events.steps == ["configuration ImportIModel", "run"])
        let all = events.all
        guard case .configurationCreated(let configuration) = all[0], case .runStarted(let started) = all[1] else {
            Issue.record("expected the configuration, then the run, got \(all.prefix(2))")
            return
        }
        #expect(configuration.id == run.configurationId && started.id == run.id)
        let updates = all.dropFirst(2).compactMap { event -> Transformation? in
            if case .runUpdated(let update) = event { return update }
            return nil
        }
        #expect(updates.count == all.count - 2)
        #expect(updates.contains { $0.status == .started }, "the run's progress is reported while it runs")
        #expect(updates.last == run, "the last update is the finished run the workflow returns")
        #expect(events.hasNoRepeats)
    }
}
