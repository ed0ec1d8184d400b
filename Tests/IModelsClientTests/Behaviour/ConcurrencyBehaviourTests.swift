import Foundation
import IModelsClient
import IModelsTesting
import Testing

@Suite struct ConcurrencyBehaviourTests {
    @Test func twoHundredConcurrentCloneAndWaitCallsAllFinish() async throws {
        let count = simulatorLoad(200)
        let service = SimulatorFixture.behaviour(changesetCount: 2)
        let client = service.client
        let source = service.source
        let iTwin = service.otherITwin
        let models = try await service.clock.run {
            try await withThrowingTaskGroup(of: IModel.self) { group in
                for number in 0..<count {
                    group.addTask {
                        try await client.cloneAndWait(source, into: iTwin, name: "Clone \(number)")
                    }
                }
                return try await group.reduce(into: [IModel]()) { $0.append($1) }
            }
        }
        #expect(models.count == count)
        #expect(Set(models.map(\.id)).count == count)
        #expect(Set(models.map(\.name)) == Set((0..<count).map { "Clone \($0)" }))
        #expect(models.allSatisfy { $0.state == .initialized && $0.iTwinId == iTwin })
        let held = service.simulator.iModels(in: iTwin)
        #expect(held.count == count)
        #expect(held.allSatisfy { service.simulator.createOperation(of: $0.id)?.state == .successful })
        #expect(held.allSatisfy { service.simulator.changesets(of: $0.id).count == 2 })
        #expect(service.logged(.post, "/imodels/*/clone").count == count)
        // Every clone was accepted at the start and completes at 10 s: one shared timeline.
        #expect(service.elapsed >= .seconds(10))
        #expect(service.elapsed < .seconds(25))
    }

    @Test func concurrentClonesOfOneNameCreateOneIModel() async throws {
        let service = SimulatorFixture.behaviour()
        let client = service.client
        let source = service.source
        let iTwin = service.otherITwin
        let outcomes = try await service.clock.run {
            await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<10 {
                    group.addTask { (try? await client.iModels.clone(source, into: iTwin, name: "Only")) != nil }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        #expect(service.count(named: "Only", in: iTwin) == 1)
    }
}
