import Foundation
import IModelsTesting
import Testing

@testable import IModelsClient

/// The public fixture: what its documentation promises a user's test.
@Suite struct SimulatorFixtureTests {
    /// The example of the fixture's documentation.
    @Test func aCloneOfTheSampleBridgeIsReady() async throws {
        let fixture = SimulatorFixture()
        let clone = try await fixture.run {
            try await fixture.client.cloneAndWait(
                fixture.sample.bridgeIModelId, into: fixture.sample.targetITwinId, name: "Copy")
        }
        #expect(clone.state == .initialized)
        #expect(fixture.elapsed >= .seconds(10), "the clone took the simulator's 10 s, in virtual time")
        #expect(fixture.elapsed < .seconds(30))
        #expect(fixture.simulator.iModels(in: fixture.sample.targetITwinId).map(\.name) == ["Copy"])
    }

    @Test func theSampleFixtureHoldsTheSampleDataAndSendsItsToken() async throws {
        let fixture = SimulatorFixture()
        let expected = IModelsSimulator().addSampleData()
        #expect(fixture.sample == expected)
        #expect(fixture.world == expected)
        #expect(fixture.accessToken == expected.accessToken)
        #expect(fixture.bridgeIModelId == expected.bridgeIModelId, "members of the world read through the fixture")
        let names = fixture.simulator.iModels(in: fixture.sample.iTwinId).map(\.name)
        #expect(names == ["Bridge", "Campus", "Plant (legacy)"])
        let bridge = try await fixture.client.iModels.iModel(fixture.sample.bridgeIModelId)
        #expect(bridge.name == "Bridge")
        #expect(fixture.simulator.requestLog.map(\.status) == [200], "the token was accepted")
    }

    private struct Bridges: Sendable, Equatable {
        var iTwin: String
        var bridge: String
    }

    @Test func aTestSeedsItsOwnWorldWithItsOwnOptionsAndToken() async throws {
        let seedings = Locked(0)
        let fixture = SimulatorFixture(
            options: SimulatorOptions(tier: .trial, defaultPageSize: 1), accessToken: "my-token"
        ) { simulator in
            seedings.withLock { $0 += 1 }
            let iTwin = simulator.addITwin(name: "Bridges")
            return Bridges(
                iTwin: iTwin, bridge: simulator.addIModel(SimulatorIModelSeed(iTwinId: iTwin, name: "Bridge")))
        }
        #expect(seedings.withLock { $0 } == 1)
        #expect(fixture.simulator.options.tier == .trial && fixture.simulator.options.defaultPageSize == 1)
        #expect(fixture.simulator.iModels().map(\.id) == [fixture.bridge], "no sample data")
        #expect(fixture.accessToken == "my-token")
        let model = try await fixture.client.iModels.iModel(fixture.bridge)
        #expect(model.name == "Bridge" && model.iTwinId == fixture.iTwin)
    }

    /// The example of the README: a tuple is a world too.
    @Test func cloneIsReadyAfterWaiting() async throws {
        let fixture = SimulatorFixture(options: SimulatorOptions(tier: .trial)) { simulator in
            let iTwin = simulator.addITwin(name: "Bridges")
            let bridge = simulator.addIModel(SimulatorIModelSeed(iTwinId: iTwin, name: "Bridge", changesetCount: 12))
            return (iTwin: iTwin, bridge: bridge)
        }
        let (iTwin, bridge) = fixture.world

        let clone = try await fixture.run {
            try await fixture.client.cloneAndWait(
                bridge, into: iTwin, name: "Bridge copy", upTo: .changesetIndex(8))
        }

        #expect(clone.state == .initialized)
        #expect(fixture.simulator.changesets(of: clone.id).count == 8)
    }

    @Test func theSameIdSeedGivesTheSameIds() {
        let seed: (IModelsSimulator) -> String = { $0.addITwin(name: "Bridges") }
        let first = SimulatorFixture(idSeed: 7, seed: seed)
        let second = SimulatorFixture(idSeed: 7, seed: seed)
        let other = SimulatorFixture(idSeed: 8, seed: seed)
        #expect(first.world == second.world)
        #expect(first.world != other.world)
    }

    @Test func theClientAndTheSimulatorReadTheFixturesClock() async throws {
        let fixture = SimulatorFixture(configuration: Configuration(clock: SystemClock(), requestTimeout: .seconds(5)))
        #expect(fixture.client.configuration.clock as? VirtualClock === fixture.clock)
        #expect(fixture.simulator.clock as? VirtualClock === fixture.clock)
        #expect(fixture.client.configuration.requestTimeout == .seconds(5), "the rest of the configuration is kept")
        #expect(fixture.start == fixture.clock.now && fixture.elapsed == .zero)
        fixture.clock.advance(by: .seconds(90))
        #expect(fixture.elapsed == .seconds(90))
    }

    @Test func anotherClientSharesTheSimulatorTheClockAndTheToken() async throws {
        let fixture = SimulatorFixture()
        let other = fixture.makeClient(configuration: Configuration(retryPolicy: .none))
        #expect(other.configuration.clock as? VirtualClock === fixture.clock)
        #expect(other.configuration.retryPolicy == .none)
        _ = try await other.iModels.iModel(fixture.sample.campusIModelId)
        #expect(fixture.simulator.requestLog.count == 1)

        let recorded = Locked<[String]>([])
        let recording = RecordingTransport(simulator: fixture.simulator) { request in
            recorded.withLock { $0.append(request.url.path) }
        }
        let wrapped = fixture.makeClient(transport: recording)
        _ = try await wrapped.iModels.iModel(fixture.sample.campusIModelId)
        #expect(recorded.withLock { $0 } == ["/imodels/\(fixture.sample.campusIModelId)"])
        #expect(fixture.simulator.requestLog.count == 2)
    }
}

/// Passes requests on to the simulator, telling `observe` about each.
private struct RecordingTransport: HTTPTransport {
    let simulator: IModelsSimulator
    let observe: @Sendable (HTTPRequest) -> Void

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        observe(request)
        return try await simulator.send(request)
    }
}
