import Foundation
import IModelsClient
import IModelsTesting
import Testing

@Suite struct SimulatorInspectionTests {
    @Test func theRequestLogRedactsAuthorization() async throws {
        let world = SimulatorFixture.bridges()
        _ = try await world.send(.get, "/imodels/\(world.source)", headers: ["X-Correlation-Id": "corr-1"])
        _ = try await world.copy(#"{"iTwinId":"\#(world.iTwin)","name":"Copy"}"#)
        let log = world.simulator.requestLog
        #expect(log.count == 2)
        for entry in log {
            #expect(entry.request.headers["Authorization"] == "<redacted>")
            #expect(!entry.request.headers.description.contains(simulatorToken))
            #expect(!entry.description.contains(simulatorToken))
            #expect(!"\(entry.request)".contains(simulatorToken))
            #expect(entry.request.headers["Accept"] == iModelsAccept)
        }
        #expect(log[0].request.headers["X-Correlation-Id"] == "corr-1")
        #expect(log[1].request.body.map { String(decoding: $0, as: UTF8.self) }?.contains("Copy") == true)
    }

    @Test func theRequestLogRecordsEachExchangeInOrder() async throws {
        let world = SimulatorFixture.bridges()
        _ = try await world.send(.get, "/imodels", query: [("iTwinId", world.iTwin), ("$top", "5")])
        world.advance(toElapsed: 3)
        _ = try await world.send(.get, "/imodels/nope", token: nil)
        _ = try await world.send(.delete, "/imodels/\(world.source)")
        let log = world.simulator.requestLog
        #expect(log.map(\.status) == [200, 401, 204])
        #expect(
            log.map(\.methodAndPath) == [
                "GET /imodels?iTwinId=\(world.iTwin)&$top=5", "GET /imodels/nope", "DELETE /imodels/\(world.source)",
            ])
        #expect(log.map(\.receivedAt) == [world.start, world.start + 3, world.start + 3])
        #expect(log.allSatisfy { $0.fault == nil })
        #expect(log[2].description == "DELETE /imodels/\(world.source) → 204")

        world.simulator.clearRequestLog()
        #expect(world.simulator.requestLog.isEmpty)
        _ = try await world.send(.get, "/imodels", query: [("iTwinId", world.iTwin)])
        #expect(world.simulator.requestLog.count == 1)
    }

    @Test func iModelsAreReadBackAsOfNow() async throws {
        let world = SimulatorFixture.bridges(changesetCount: 2)
        let clone = try await world.copied(into: world.otherITwin, name: "Copy", extra: #","description":"Mine""#)
        #expect(world.simulator.iModels().map(\.id) == [world.source, clone])
        #expect(world.simulator.iModels(in: world.iTwin).map(\.id) == [world.source])
        #expect(world.simulator.iModels(in: world.otherITwin).map(\.id) == [clone])
        #expect(world.simulator.iModels(in: "no-such-itwin").isEmpty)

        let pending = try #require(world.simulator.iModel(clone))
        #expect(pending.name == "Copy")
        #expect(pending.description == "Mine")
        #expect(pending.iTwinId == world.otherITwin)
        #expect(pending.state == .notInitialized)
        #expect(pending.createdDateTime == world.start)
        #expect(pending.extent == world.simulator.iModel(world.source)?.extent)
        #expect(world.simulator.createOperation(of: clone)?.state == .scheduled)
        world.advance(toElapsed: 10)
        #expect(world.simulator.iModel(clone)?.state == .initialized)
        #expect(world.simulator.createOperation(of: clone)?.state == .successful)
        #expect(world.simulator.createOperation(of: clone)?.clonedFrom?.iModelId == world.source)
        #expect(world.simulator.createOperation(of: world.source)?.state == .successful)
        #expect(world.simulator.createOperation(of: world.source)?.clonedFrom == nil)
        #expect(world.simulator.createOperation(of: "no-such-imodel") == nil)
        #expect(world.simulator.iModel("no-such-imodel") == nil)
        #expect(world.simulator.changesets(of: "no-such-imodel").isEmpty)
        #expect(world.simulator.changesets(of: clone).map(\.index) == [1, 2])
    }

    @Test func aSeedsFieldsAreKept() throws {
        let clock = VirtualClock()
        let simulator = IModelsSimulator(clock: clock)
        let id = simulator.addIModel(
            SimulatorIModelSeed(
                id: "fixed-id", iTwinId: "auto-itwin", name: "Seeded", description: "Described", changesetCount: 7,
                isMissingFederationGuids: true))
        #expect(id == "fixed-id")
        let model = try #require(simulator.iModel(id))
        #expect(model.name == "Seeded")
        #expect(model.description == "Described")
        #expect(model.iTwinId == "auto-itwin")
        #expect(model.state == .initialized)
        #expect(simulator.changesets(of: id).map(\.index) == Array(1...7))
        #expect(simulator.isMissingFederationGuids(id))
        // The iTwin was added along the way.
        #expect(simulator.iModels(in: "auto-itwin").map(\.id) == [id])
        #expect(SimulatorIModelSeed(iTwinId: "t", name: "n", changesetCount: -4).changesetCount == 0)
    }

    @Test func anAddedITwinCanBeUsedAtOnce() async throws {
        let world = SimulatorFixture.bridges()
        let named = world.simulator.addITwin("my-itwin", name: "Mine")
        #expect(named == "my-itwin")
        let response = try await world.send(.get, "/imodels", query: [("iTwinId", named)])
        #expect(response.status == 200)
        #expect(try response.items("iModels").isEmpty)
    }

    @Test func theSameIdSeedGivesTheSameIds() async throws {
        func run(seed: UInt64) async throws -> [String] {
            let world = SimulatorFixture.bridges(idSeed: seed)
            let clone = try await world.copied(name: "Copy")
            let fork = try await world.copied(fork: true, name: "Fork")
            let relationship = world.simulator.createOperation(of: fork)?.forkedFrom?.relationshipId ?? ""
            let created = try await world.send(
                .post, "/imodels", json: #"{"iTwinId":"\#(world.iTwin)","name":"Empty"}"#)
            let empty = (try created.object()["iModel"] as? [String: Any])?["id"] as? String ?? ""
            return [world.iTwin, world.otherITwin, world.source, clone, fork, relationship, empty]
                + world.simulator.changesets(of: world.source).map(\.id)
        }
        let first = try await run(seed: 7)
        let second = try await run(seed: 7)
        let other = try await run(seed: 8)
        #expect(first == second)
        #expect(Set(first).count == first.count)
        #expect(first != other)
        #expect(Set(first).isDisjoint(with: other))
        let guid = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}/
        for id in first.prefix(7) {
            #expect(id.wholeMatch(of: guid) != nil, "\(id)")
        }
    }

    @Test func sampleDataHasFixedIdsAndAWorkingToken() async throws {
        let clock = VirtualClock()
        let simulator = IModelsSimulator(clock: clock)
        let sample = simulator.addSampleData()
        #expect(sample.iTwinId == "5f1c2e7a-0b3d-4c8e-9a61-2d4f6b8c0e12")
        #expect(simulator.iModels(in: sample.iTwinId).map(\.name) == ["Bridge", "Campus", "Plant (legacy)"])
        #expect(simulator.iModels(in: sample.targetITwinId).isEmpty)
        #expect(simulator.changesets(of: sample.bridgeIModelId).count == 12)
        #expect(simulator.changesets(of: sample.campusIModelId).count == 3)
        #expect(simulator.isMissingFederationGuids(sample.legacyPlantIModelId))
        #expect(!simulator.isMissingFederationGuids(sample.bridgeIModelId))
        let request = HTTPRequest(
            method: .get, url: URL(string: "\(productionOrigin)/imodels/\(sample.bridgeIModelId)")!,
            headers: ["Authorization": "Bearer \(sample.accessToken)", "Accept": iModelsAccept])
        #expect(try await simulator.send(request).status == 200)
    }

    @Test func aCancelledRequestIsNotAnswered() async throws {
        let world = SimulatorFixture.bridges()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await world.send(.get, "/imodels/\(world.source)")
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(world.simulator.requestLog.isEmpty)
    }
}
