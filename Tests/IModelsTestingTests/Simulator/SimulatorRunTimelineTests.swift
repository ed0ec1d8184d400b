import Foundation
import IModelsClient
import IModelsTesting
import Testing

/// A run's timeline is fixed when it is created, queued reruns count only what is new, and a run's permissions do
/// not depend on its configuration still existing. Default pace: 2 s `Created`, 2 s `Initializing`, 500 elements a
/// second (the 1,000-element "Bridge" takes 2 s `Started`).
@Suite struct SimulatorRunTimelineTests {
    @Test func changingTheOptionsDoesNotRewriteARunThatHasFinished() async throws {
        let bench = SimulatorFixture.transformations()
        let configuration = try await bench.createConfiguration()
        let run = try await bench.run(configuration)
        #expect(try await bench.get(run.id, after: 60).status == .succeeded)
        #expect(bench.simulator.subjects(of: bench.target).count == 1)
        bench.simulator.updateOptions {
            $0.transformationElementsPerSecond = 1
            $0.transformationPhaseTime = .seconds(600)
        }
        #expect(try await bench.get(run.id).status == .succeeded)
        #expect(try await bench.send(.delete, "/transformations/\(run.id)").status == 409)
    }

    @Test func aRunCreatedAfterAnOptionsChangeUsesTheNewPace() async throws {
        let bench = SimulatorFixture.transformations()
        bench.simulator.updateOptions { $0.transformationPhaseTime = .seconds(10) }
        let run = try await bench.run(try await bench.createConfiguration())
        #expect(try await bench.get(run.id, after: 9).status == .created)
        #expect(try await bench.get(run.id, after: 2).status == .initializing)
    }

    @Test func aRerunQueuedBehindTheFirstRunCountsOnlyWhatIsNew() async throws {
        let bench = SimulatorFixture.transformations()
        let configuration = try await bench.createConfiguration()
        let first = try await bench.run(configuration)
        let second = try await bench.run(configuration, queueing: true)
        #expect(first.totalElementCount == 1_000)
        #expect(second.totalElementCount == 0, "the first run will already have brought everything")
        bench.finishEverything()
        #expect(try await bench.get(second.id).status == .succeeded)
        #expect(bench.simulator.subjects(of: bench.target).count == 1)
    }

    @Test func aRunKeepsItsPermissionChecksAfterItsConfigurationIsDeleted() async throws {
        let bench = SimulatorFixture.transformations()
        let configuration = try await bench.createConfiguration()
        let run = try await bench.run(configuration)
        #expect(try await bench.send(.delete, "/transformations/configurations/\(configuration)").status == 200)
        bench.simulator.addAccessToken("nobody", permissions: [])
        #expect(try await bench.send(.get, "/transformations/\(run.id)", token: "nobody").status == 403)
        #expect(try await bench.send(.delete, "/transformations/\(run.id)", token: "nobody").status == 403)
        #expect(try await bench.get(run.id).status != .aborted)
    }

    @Test func importingAnEmptySourceStillCreatesItsSubject() async throws {
        let bench = SimulatorFixture.transformations()
        let empty = bench.simulator.addIModel(SimulatorIModelSeed(iTwinId: bench.iTwin, name: "Empty", elementCount: 0))
        let configuration = try await bench.createConfiguration(
            TransformationsSeeds.importPath, bench.configurationBody(source: empty))
        let run = try await bench.run(configuration)
        #expect(try await bench.get(run.id, after: 60).status == .succeeded)
        #expect(
            bench.simulator.subjects(of: bench.target) == [
                SimulatorSubject(codeValue: empty, userLabel: "Empty", elementCount: 0)
            ])
    }

    @Test func aFailingRunFailsHalfwayThroughItsElements() async throws {
        let bench = SimulatorFixture.transformations()
        bench.simulator.setTransformationsFail(targeting: bench.target, message: "Conflicting ECSchemas.")
        let run = try await bench.run(try await bench.createConfiguration())
        // Started at 4 s; a successful run would end at 6 s, this one fails at 5 s with 500 of 1,000 elements.
        let started = try await bench.get(run.id, after: 4.5)
        #expect(started.status == .started)
        let failed = try await bench.get(run.id, after: 0.5)
        #expect(failed.status == .failed)
        #expect(failed.processedElementCount == 500)
        #expect(failed.errorMessage == "Conflicting ECSchemas.")
    }

    @Test func anIModelCannotBeImportedOrMergedIntoItself() async throws {
        let bench = SimulatorFixture.transformations()
        for path in [TransformationsSeeds.importPath, TransformationsSeeds.mergePath] {
            let answer = try await bench.send(
                .post, path, json: bench.configurationBody(source: bench.source, target: bench.source))
            #expect(answer.status == 422, "\(path)")
            #expect(answer.text.contains("targetIModelId"))
        }
    }

    @Test func aRunFromASourceStillBeingCreatedFails() async throws {
        let bench = SimulatorFixture.transformations()
        let copy = try await bench.send(
            .post, "/imodels/\(bench.source)/clone", json: #"{"iTwinId":"\#(bench.iTwin)","name":"Copy"}"#)
        let location = try #require(copy.response.headers["Location"])
        let cloneId = try #require(location.split(separator: "/").last.map(String.init))
        let configuration = try await bench.createConfiguration(
            TransformationsSeeds.importPath, bench.configurationBody(source: cloneId))
        let early = try await bench.run(configuration)
        bench.finishEverything()
        let failed = try await bench.get(early.id)
        #expect(failed.status == .failed)
        #expect(failed.errorMessage?.contains("not initialized") == true)
        let later = try await bench.run(configuration)
        #expect(try await bench.get(later.id, after: 60).status == .succeeded, "once the clone is ready")
    }
}
