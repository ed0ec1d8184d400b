import Foundation
import IModelsClient
import IModelsTesting
import Testing

@Suite struct RateLimitBehaviourTests {
    /// Clone POSTs that the simulator accepted, by arrival time.
    private func acceptedClones(_ service: SimulatorFixture<BehaviourSeeds>) -> [Date] {
        service.logged(.post, "/imodels/*/clone").filter { $0.status == 202 }.map(\.receivedAt).sorted()
    }

    @Test func sixtyClonesWithPaidProactiveLimitsMeetThePaidLimitWithoutA429() async throws {
        let service = SimulatorFixture.behaviour(options: SimulatorOptions(tier: .paid), rateLimits: .paid)
        let client = service.client
        let source = service.source
        let iTwin = service.otherITwin
        let creations = try await service.clock.run {
            try await withThrowingTaskGroup(of: IModelCreation.self) { group in
                for number in 0..<60 {
                    group.addTask { try await client.iModels.clone(source, into: iTwin, name: "Copy \(number)") }
                }
                return try await group.reduce(into: [IModelCreation]()) { $0.append($1) }
            }
        }
        #expect(creations.count == 60)
        #expect(Set(creations.map(\.iModelId)).count == 60)
        #expect(service.simulator.iModels(in: iTwin).count == 60)
        #expect(service.rateLimitedCount == 0)
        #expect(service.logged(.post, "/imodels/*/clone").count == 60)

        let starts = acceptedClones(service)
        #expect(starts.count == 60)
        // Never more than 20 in any minute...
        for index in 20..<starts.count {
            #expect(starts[index].timeIntervalSince(starts[index - 20]) >= 60)
        }
        // ...but the limit is met, not undershot: 20 at once, and each later batch one window (plus the SDK's
        // one-second margin) after the previous one.
        #expect(starts.prefix(20).allSatisfy { $0 == service.start })
        let last = try #require(starts.last).timeIntervalSince(service.start)
        #expect(last >= 120)
        #expect(last <= 125)
    }

    @Test func sixtyClonesWithTrialProactiveLimitsAgainstATrialService() async throws {
        let service = SimulatorFixture.behaviour(options: SimulatorOptions(tier: .trial), rateLimits: .trial)
        let client = service.client
        let source = service.source
        let iTwin = service.otherITwin
        try await service.clock.run {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for number in 0..<60 {
                    group.addTask { _ = try await client.iModels.clone(source, into: iTwin, name: "Copy \(number)") }
                }
                try await group.waitForAll()
            }
        }
        #expect(service.simulator.iModels(in: iTwin).count == 60)
        #expect(service.rateLimitedCount == 0)
        let starts = acceptedClones(service)
        for index in 5..<starts.count {
            #expect(starts[index].timeIntervalSince(starts[index - 5]) >= 60)
        }
        let last = try #require(starts.last).timeIntervalSince(service.start)
        #expect(last >= 11 * 60)
        #expect(last <= 11 * 61 + 5)
    }

    @Test func sixtyClonesWithTheCooldownOnlyAllFinish() async throws {
        let service = SimulatorFixture.behaviour(options: SimulatorOptions(tier: .paid), rateLimits: .none)
        let client = service.client
        let source = service.source
        let iTwin = service.otherITwin
        let models = try await service.clock.run {
            try await withThrowingTaskGroup(of: IModel.self) { group in
                for number in 0..<60 {
                    group.addTask {
                        try await client.cloneAndWait(source, into: iTwin, name: "Copy \(number)")
                    }
                }
                return try await group.reduce(into: [IModel]()) { $0.append($1) }
            }
        }
        #expect(models.count == 60)
        #expect(Set(models.map(\.name)) == Set((0..<60).map { "Copy \($0)" }))
        #expect(models.allSatisfy { $0.state == .initialized })
        #expect(service.simulator.iModels(in: iTwin).count == 60)
        #expect(
            service.simulator.iModels(in: iTwin).allSatisfy {
                service.simulator.createOperation(of: $0.id)?.state == .successful
            })
        // The service did push back, and the shared cooldown spread the clones over three windows.
        let rejected = service.logged(.post, "/imodels/*/clone").filter { $0.status == 429 }
        #expect(!rejected.isEmpty)
        #expect(service.rateLimitedCount == rejected.count)
        let starts = acceptedClones(service)
        #expect(starts.count == 60)
        for index in 20..<starts.count {
            #expect(starts[index].timeIntervalSince(starts[index - 20]) >= 60)
        }
        // After a 429 the callers wait out one shared cooldown instead of each hammering the service: 40 clones
        // are turned away in the first window and 20 in the second, once each.
        #expect(rejected.count <= 40 + 20)
    }

    @Test func aRateLimitedPollIsAbsorbedWithinTheWait() async throws {
        let service = SimulatorFixture.behaviour()
        service.simulator.inject(
            .respond(
                status: 429, headers: ["Retry-After": "3"],
                json: #"{"error":{"code":"RateLimitExceeded","message":"Slow down."}}"#),
            on: .get, "/imodels/*/operations/create", times: 2)
        let client = service.client
        let source = service.source
        let model = try await service.clock.run {
            try await client.cloneAndWait(source, into: service.iTwin, name: "Copy")
        }
        #expect(model.state == .initialized)
        #expect(service.rateLimitedCount == 2)
    }
}
