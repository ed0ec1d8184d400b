import Foundation
import IModelsClient
import IModelsTesting
import Testing

/// Managing an iTwin's iModels end to end against the simulator, in virtual time: finding and deleting unfinished
/// forks, renaming, and checking permissions before a copy or a transformation.
@Suite struct IModelManagementBehaviourTests {
    @Test func theForksStillBeingCreatedAreFoundInOneCallAndDeleted() async throws {
        let service = SimulatorFixture.behaviour(
            options: SimulatorOptions(initializationTime: .seconds(60), completionTime: .seconds(90)))
        let api = service.client.iModels
        let finished = try await api.fork(service.source, into: service.otherITwin, name: "Fork done")
        service.clock.advance(by: .seconds(120))
        let stuck = [
            try await api.fork(service.source, into: service.otherITwin, name: "Fork B").iModelId,
            try await api.fork(service.source, into: service.otherITwin, name: "Fork A").iModelId,
        ]
        service.simulator.clearRequestLog()

        let unfinished = try await api.iModels(
            in: service.otherITwin, state: .notInitialized, orderBy: [.name], as: IModel.self
        ).collect()
        #expect(unfinished.map(\.id) == stuck.reversed(), "by name: Fork A, Fork B")
        #expect(unfinished.allSatisfy { $0.state == .notInitialized && $0.createdDateTime != nil })
        #expect(service.logged(.get, "/imodels").count == 1, "one call")
        for model in unfinished { try await api.deleteIModel(model.id) }

        let left = try await api.iModels(in: service.otherITwin).collect()
        #expect(left.map(\.id) == [finished.iModelId])
        #expect(try await api.iModels(in: service.otherITwin, state: .notInitialized).collect().isEmpty)
    }

    @Test func aRenamedIModelIsFoundByItsNewNameAndSearch() async throws {
        let service = SimulatorFixture.behaviour()
        let api = service.client.iModels
        service.clock.advance(by: .seconds(10))
        let pier = service.simulator.addIModel(
            SimulatorIModelSeed(iTwinId: service.iTwin, name: "Pier", description: "South pier"))
        let renamed = try await api.updateIModel(service.source, name: "Bridge (released)", description: nil)
        #expect(renamed.name == "Bridge (released)" && renamed.description == "The source bridge")
        #expect(try await api.iModel(service.source).name == "Bridge (released)")
        #expect(try await api.iModels(in: service.iTwin, name: "Bridge").collect().isEmpty)
        let found = try await api.iModels(in: service.iTwin, search: "RELEASED").collect()
        #expect(found.map(\.id) == [service.source])
        let bySouth = try await api.iModels(in: service.iTwin, search: "south").collect()
        #expect(bySouth.map(\.id) == [pier], "the search looks at descriptions too")
        let newestFirst = try await api.iModels(in: service.iTwin, orderBy: [.createdDateTimeDescending]).collect()
        #expect(newestFirst.map(\.id) == [pier, service.source])

        let conflict = await captureError { _ = try await api.updateIModel(pier, name: "bridge (RELEASED)") }
        #expect(conflict?.apiError?.status == 409 && conflict?.apiError?.code == .iModelExists)
    }

    @Test func aRenameWhoseAnswerIsLostIsRetriedAndDoneOnce() async throws {
        let service = SimulatorFixture.behaviour()
        service.simulator.inject(.connectionLostAfterServerActs, on: .patch, "/imodels/*")
        let renamed = try await service.clock.run {
            try await service.client.iModels.updateIModel(service.source, name: "Renamed")
        }
        #expect(renamed.name == "Renamed")
        #expect(service.logged(.patch, "/imodels/*").count == 2, "sent again after the lost answer")
        #expect(service.simulator.iModel(service.source)?.name == "Renamed")
    }

    @Test func aPreflightNamesTheMissingPermissionBeforeAClone() async throws {
        let service = SimulatorFixture.behaviour()
        service.simulator.setPermissions([.webView, .read], for: testToken, in: service.iTwin)
        let api = service.client.iModels
        #expect(try await api.permissions(of: service.source) == [.webView, .read])
        let error = await captureError { try await api.requirePermissions(.cloneSource, on: service.source) }
        guard case .missingPermissions(let shortfall)? = error else {
            Issue.record("expected missingPermissions, got \(String(describing: error))")
            return
        }
        let message = shortfall.description
        #expect(shortfall.missing == [.manage])
        #expect(
            message
                == "clone needs imodels_manage on the source iModel \(service.source); the caller lacks imodels_manage."
        )
        try await api.requirePermissions(.transformationSource, on: service.source)
        #expect(try await api.missingPermissions(for: .transformationTarget, on: service.source) == [.write])
        #expect(service.logged(.post, "/imodels/*/clone").isEmpty)

        // The preflight tells the truth: the clone it warned about is refused by the service.
        let refused = await captureError { _ = try await api.clone(service.source, into: service.otherITwin) }
        #expect(refused?.apiError?.status == 403)
    }
}
