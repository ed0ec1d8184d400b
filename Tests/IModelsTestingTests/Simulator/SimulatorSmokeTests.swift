import Foundation
import IModelsClient
import IModelsTesting
import Testing

@Suite struct SimulatorSmokeTests {
    @Test func cloneThenWaitCompletes() async throws {
        let clock = VirtualClock()
        let simulator = IModelsSimulator(clock: clock)
        let iTwin = simulator.addITwin(name: "Bridges")
        let source = simulator.addIModel(SimulatorIModelSeed(iTwinId: iTwin, name: "Bridge", changesetCount: 3))
        simulator.addAccessToken("t")
        let client = ITwinClient(configuration: .init(clock: clock), accessToken: { "t" }, transport: simulator)
        let clone = try await clock.run {
            try await client.cloneAndWait(source, into: iTwin, name: "Copy", upTo: .changesetIndex(2))
        }
        #expect(clone.name == "Copy")
        #expect(clone.state == .initialized)
        #expect(simulator.changesets(of: clone.id).map(\.index) == [1, 2])
        let all = try await client.iModels.iModels(in: iTwin).collect()
        #expect(all.count == 2)
    }
}

@Suite struct SimulatorTransformationsSmokeTests {
    @Test func importAndForkRecovery() async throws {
        let clock = VirtualClock()
        let simulator = IModelsSimulator(clock: clock)
        let iTwin = simulator.addITwin(name: "Bridges")
        let source = simulator.addIModel(SimulatorIModelSeed(iTwinId: iTwin, name: "Bridge", changesetCount: 3))
        let main = simulator.addIModel(
            SimulatorIModelSeed(iTwinId: iTwin, name: "Main", changesetCount: 2, isMissingFederationGuids: true))
        simulator.addAccessToken("t")
        let client = ITwinClient(configuration: .init(clock: clock), accessToken: { "t" }, transport: simulator)
        // An empty iModel initializes in the background: `createIModel` waits on the clock, so drive it.
        let target = try await clock.run { try await client.iModels.createIModel(in: iTwin, name: "Target") }
        let run = try await clock.run {
            try await client.importIModel(
                ImportIModelConfigurationRequest(
                    transformName: "Import", sourceProjectId: iTwin, sourceIModelId: source, targetProjectId: iTwin,
                    targetIModelId: target.id, comment: "Imported"))
        }
        #expect(run.status == .succeeded)
        #expect(simulator.subjects(of: target.id).map(\.codeValue) == [source])
        let fork = try await clock.run {
            try await client.forkAndWait(main, into: iTwin, name: "Fork", populatingFederationGuids: true)
        }
        #expect(fork.name == "Fork")
        #expect(simulator.isMissingFederationGuids(main) == false)
        let merged = try await clock.run { try await client.merge(fork: fork.id, into: main) }
        #expect(merged.status == .succeeded)
        #expect(simulator.merges(into: main) == [fork.id])
    }
}
