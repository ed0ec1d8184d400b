import Foundation
import IModelsCLI
import IModelsClient
import Testing

@Suite("The tool's simulator")
struct SimulatorWorldTests {
    @Test("the seeded ids are the same in every process, so they can be printed and used by the next command")
    func stableIds() async throws {
        let first = try await SimulatorWorld.make()
        let second = try await SimulatorWorld.make()
        #expect(first.samples == second.samples)
        #expect(first.samples.bridgeIModelId == first.sampleData.bridgeIModelId)
    }

    @Test("the history is in place when a command starts")
    func history() async throws {
        let world = try await SimulatorWorld.make()
        let samples = world.samples
        let client = ITwinClient(accessToken: { world.sampleData.accessToken }, transport: world.simulator)
        let finished = try await client.transformations.transformation(samples.finishedRunId)
        #expect(finished.status == .succeeded)
        #expect(finished.totalElementCount == 1500)
        let inProgress = try await client.transformations.transformation(samples.runInProgressId)
        #expect(!inProgress.status.isTerminal)
        let clone = try await client.iModels.createOperation(of: samples.cloneInProgressIModelId)
        #expect(clone.state == .scheduled)
        #expect(clone.clonedFrom?.iModelId == samples.bridgeIModelId)
        #expect(world.simulator.subjects(of: samples.importTargetIModelId).map(\.userLabel) == ["Campus"])
        #expect(samples.listing.contains(samples.runInProgressId))
    }
}
