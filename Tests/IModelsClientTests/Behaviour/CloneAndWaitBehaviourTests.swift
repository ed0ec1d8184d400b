import Foundation
import IModelsClient
import IModelsTesting
import Testing

@Suite struct CloneAndWaitBehaviourTests {
    @Test func cloneThenWaitUntilCompletedReturnsTheFinishedClone() async throws {
        let service = SimulatorFixture.behaviour(changesetCount: 4)
        let client = service.client
        let creation = try await client.iModels.clone(service.source, into: service.otherITwin, name: "Copy")
        #expect(creation.iModelURL?.absoluteString == "https://api.bentley.com/imodels/\(creation.iModelId)")
        #expect(
            creation.createOperationURL?.absoluteString
                == "https://api.bentley.com/imodels/\(creation.iModelId)/operations/create")
        #expect(service.simulator.iModel(creation.iModelId)?.state == .notInitialized)

        let model = try await service.clock.run {
            try await client.iModels.waitUntilCreated(creation.iModelId, until: .completed)
        }
        #expect(model.id == creation.iModelId)
        #expect(model.name == "Copy")
        #expect(model.iTwinId == service.otherITwin)
        #expect(model.state == .initialized)
        // The operation is successful at 10 s; polling (1 s ×1.5, capped at 15 s) notices within one interval.
        #expect(service.elapsed >= .seconds(10))
        #expect(service.elapsed < .seconds(25))
        #expect(service.simulator.createOperation(of: creation.iModelId)?.state == .successful)
        let operation = try await client.iModels.createOperation(of: creation.iModelId)
        #expect(operation.state == .successful)
        #expect(operation.clonedFrom?.iModelId == service.source)
        #expect(operation.clonedFrom?.changesetId == service.simulator.changesets(of: service.source).last?.id)
        #expect(service.simulator.changesets(of: model.id).count == 4)
    }

    /// The TypeScript integration tests clone and fork with `containersEnabled: 7` and expect 7 back (iTwin/
    /// imodels-clients, tests/imodels-clients-tests/src/integration/management/IModelOperations.test.ts).
    @Test func cloneAndForkKeepTheContainersTheyWereAskedFor() async throws {
        let service = SimulatorFixture.behaviour()
        let client = service.client
        let (clone, fork) = try await service.clock.run {
            let clone = try await client.cloneAndWait(
                service.source, into: service.otherITwin, name: "Clone", containersEnabled: 7)
            let fork = try await client.forkAndWait(
                service.source, into: service.otherITwin, name: "Fork", containersEnabled: 5)
            return (clone, fork)
        }
        #expect(clone.containersEnabled == 7)
        #expect(fork.containersEnabled == 5)
        let plain = try await service.clock.run {
            try await client.cloneAndWait(service.source, into: service.otherITwin, name: "Plain")
        }
        #expect(plain.containersEnabled == 0)
    }

    @Test func theInitializedMilestoneReturnsBeforeTheOperationIsSuccessful() async throws {
        let service = SimulatorFixture.behaviour()
        let client = service.client
        let source = service.source
        let (model, stateAtReturn) = try await service.clock.run {
            let model = try await client.cloneAndWait(
                source, into: service.iTwin, name: "Usable", until: .initialized)
            return (model, service.simulator.createOperation(of: model.id)?.state)
        }
        #expect(model.state == .initialized)
        #expect(stateAtReturn == .scheduled)
        #expect(service.elapsed >= .seconds(4))
        #expect(service.elapsed < .seconds(10))

        let completed = try await service.clock.run {
            try await client.iModels.waitUntilCreated(model.id, until: .completed)
        }
        #expect(completed.id == model.id)
        #expect(service.elapsed >= .seconds(10))
        #expect(service.simulator.createOperation(of: model.id)?.state == .successful)
    }

    @Test func longerCreationsAreWaitedOutInVirtualTime() async throws {
        let service = SimulatorFixture.behaviour(
            options: SimulatorOptions(initializationTime: .seconds(300), completionTime: .seconds(600)))
        let client = service.client
        let source = service.source
        let model = try await service.clock.run {
            try await client.cloneAndWait(source, into: service.iTwin, name: "Slow")
        }
        #expect(model.state == .initialized)
        #expect(service.elapsed >= .seconds(600))
        #expect(service.elapsed <= .seconds(615))
    }

    @Test(arguments: [
        (ChangesetPoint.latest, [1, 2, 3, 4, 5]), (.changesetIndex(2), [1, 2]), (.baselineOnly, []),
        (.changesetIndex(5), [1, 2, 3, 4, 5]),
    ])
    func cloneAndWaitCopiesUpToThePoint(_ point: ChangesetPoint, _ expected: [Int]) async throws {
        let service = SimulatorFixture.behaviour(changesetCount: 5)
        let client = service.client
        let source = service.source
        let model = try await service.clock.run {
            try await client.cloneAndWait(source, into: service.iTwin, name: "Copy", upTo: point)
        }
        #expect(service.simulator.changesets(of: model.id).map(\.index) == expected)
        let copiedUpTo = service.simulator.createOperation(of: model.id)?.clonedFrom?.changesetId
        let sourceChangesets = service.simulator.changesets(of: source)
        #expect(copiedUpTo == (expected.last.map { sourceChangesets[$0 - 1].id } ?? ""))
        let listed = try await client.iModels.changesets(of: model.id).collect()
        #expect(listed.map(\.index) == expected)
    }

    @Test func cloneUpToAChangesetId() async throws {
        let service = SimulatorFixture.behaviour(changesetCount: 5)
        let third = service.simulator.changesets(of: service.source)[2]
        let client = service.client
        let source = service.source
        let model = try await service.clock.run {
            try await client.cloneAndWait(
                source, into: service.iTwin, name: "Copy", upTo: .changesetId(third.id))
        }
        #expect(service.simulator.changesets(of: model.id).map(\.id).last == third.id)
    }

    @Test func forkAndWaitReturnsAForkWithItsRelationship() async throws {
        let service = SimulatorFixture.behaviour(changesetCount: 2)
        let client = service.client
        let source = service.source
        let fork = try await service.clock.run {
            try await client.forkAndWait(source, into: service.otherITwin, name: "Fork", preserveHistory: true)
        }
        #expect(fork.name == "Fork")
        let operation = try await client.iModels.createOperation(of: fork.id)
        #expect(operation.state == .successful)
        #expect(operation.clonedFrom == nil)
        #expect(operation.forkedFrom?.iModelId == source)
        #expect(operation.forkedFrom?.relationshipId?.isEmpty == false)
        #expect(service.simulator.changesets(of: fork.id).count == 2)
    }

    @Test(arguments: ["mainIModelIsMissingFederationGuids", "sourceIsMissingFederationGuids"])
    func aForkOfAMainIModelMissingFederationGuidsFailsAsDocumented(_ spelling: String) async throws {
        let service = SimulatorFixture.behaviour(
            options: SimulatorOptions(missingFederationGuidsState: spelling), missingFederationGuids: true)
        let client = service.client
        let source = service.source
        for milestone in [CreationMilestone.completed, .initialized] {
            let name = "Fork \(milestone)"
            let error = await captureError {
                _ = try await service.clock.run {
                    try await client.forkAndWait(source, into: service.iTwin, name: name, until: milestone)
                }
            }
            guard case .creationFailed(let iModelId, let state)? = error else {
                Issue.record("expected creationFailed, got \(String(describing: error))")
                continue
            }
            #expect(state == .mainIModelIsMissingFederationGuids)
            #expect(state.rawValue == spelling)
            #expect(service.simulator.iModels(in: service.iTwin).first { $0.name == name }?.id == iModelId)
        }
        #expect(service.elapsed >= .seconds(20))
    }

    @Test func aForkSucceedsAfterTheFederationGuidsArePopulated() async throws {
        let service = SimulatorFixture.behaviour(missingFederationGuids: true)
        let client = service.client
        let source = service.source
        let error = await captureError {
            _ = try await service.clock.run {
                try await client.forkAndWait(source, into: service.iTwin, name: "Fork")
            }
        }
        guard case .creationFailed(_, .mainIModelIsMissingFederationGuids)? = error else {
            Issue.record("expected creationFailed, got \(String(describing: error))")
            return
        }
        service.simulator.setMissingFederationGuids(false, for: source)
        let fork = try await service.clock.run {
            try await client.forkAndWait(source, into: service.iTwin, name: "Fork 2")
        }
        #expect(fork.state == .initialized)
    }

    @Test(arguments: [CreationMilestone.completed, .initialized])
    func aFailedCloneEndsTheWaitWithCreationFailed(_ milestone: CreationMilestone) async throws {
        let service = SimulatorFixture.behaviour()
        service.simulator.setCopiesFail(from: service.source)
        let client = service.client
        let source = service.source
        let error = await captureError {
            _ = try await service.clock.run {
                try await client.cloneAndWait(source, into: service.iTwin, name: "Doomed", until: milestone)
            }
        }
        guard case .creationFailed(_, let state)? = error else {
            Issue.record("expected creationFailed, got \(String(describing: error))")
            return
        }
        #expect(state == .failed)
        #expect(service.elapsed >= .seconds(10))
        #expect(service.elapsed < .seconds(25))
    }

    @Test func aWaitPastItsTimeoutEndsWithTimedOutAndTheLastState() async throws {
        let service = SimulatorFixture.behaviour(
            options: SimulatorOptions(initializationTime: .seconds(3_000), completionTime: .seconds(3_600)))
        let client = service.client
        let creation = try await client.iModels.clone(service.source, into: service.iTwin, name: "Slow")
        let error = await captureError {
            _ = try await service.clock.run {
                try await client.iModels.waitUntilCreated(creation.iModelId, until: .completed, timeout: .seconds(120))
            }
        }
        guard case .timedOut(_, let resourceId, let lastState)? = error else {
            Issue.record("expected timedOut, got \(String(describing: error))")
            return
        }
        #expect(resourceId == creation.iModelId)
        #expect(lastState == "scheduled")
        #expect(service.elapsed > .seconds(119.999) && service.elapsed < .seconds(120.001))
    }

    @Test func createOperationUpdatesYieldEachStateOnce() async throws {
        let service = SimulatorFixture.behaviour()
        let client = service.client
        let creation = try await client.iModels.clone(service.source, into: service.iTwin, name: "Copy")
        let states = try await service.clock.run {
            var states: [CreateOperationState] = []
            for try await operation in client.iModels.createOperationUpdates(of: creation.iModelId) {
                states.append(operation.state)
            }
            return states
        }
        #expect(states == [.scheduled, .successful])
        #expect(service.elapsed >= .seconds(10))
    }

    @Test func theServicesErrorsReachTheCallerTyped() async throws {
        let service = SimulatorFixture.behaviour()
        let client = service.client
        let taken = await captureError {
            _ = try await client.iModels.clone(service.source, into: service.iTwin)
        }
        #expect(taken?.apiError?.status == 409)
        #expect(taken?.apiError?.code == "iModelExists")

        let noChangeset = await captureError {
            _ = try await client.iModels.clone(service.source, into: service.iTwin, name: "C", upTo: .changesetIndex(9))
        }
        #expect(noChangeset?.apiError?.status == 404)
        #expect(noChangeset?.apiError?.code == "ChangesetNotFound")

        service.simulator.setPermissions([.webView], for: testToken, in: service.otherITwin)
        let denied = await captureError {
            _ = try await client.iModels.clone(service.source, into: service.otherITwin, name: "C")
        }
        #expect(denied?.apiError?.status == 403)
        #expect(denied?.apiError?.code == "InsufficientPermissions")
        #expect(service.simulator.iModels().count == 1)
    }

    @Test func anUnknownTokenIsA401AfterOneRefresh() async throws {
        let service = SimulatorFixture.behaviour()
        service.simulator.revokeAccessToken(testToken)
        let provider = CountingTokenProvider()
        let client = ITwinClient(
            configuration: Configuration(environment: .production, clock: service.clock),
            tokenProvider: provider, transport: service.simulator)
        let error = await captureError { _ = try await client.iModels.iModel(service.source) }
        #expect(error?.apiError?.status == 401)
        #expect(provider.forcedCalls == 1)
        #expect(service.simulator.requestLog.count == 2)
    }
}
