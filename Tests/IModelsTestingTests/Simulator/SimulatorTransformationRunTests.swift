import Foundation
import IModelsClient
import IModelsTesting
import Testing

/// The simulator's transformation runs, on a virtual clock the tests move by hand.
@Suite struct SimulatorTransformationRunTests {
    @Test func aRunGoesFromCreatedToSucceededOnTheClock() async throws {
        let bench = SimulatorFixture.transformations()
        let configuration = try await bench.createConfiguration()
        let changesetsBefore = bench.simulator.changesets(of: bench.target).count
        let created = try await bench.run(configuration)
        #expect(created.status == .created)
        #expect(created.processedElementCount == 0)
        #expect(created.totalElementCount == 1_000)
        #expect(created.startedDateTime == nil && created.finishedDateTime == nil)
        #expect(created.configurationId == configuration)
        #expect(created.sourceChangeSetId == bench.simulator.changesets(of: bench.source).last?.id)
        #expect(try await bench.get(created.id, after: 1.5).status == .created)
        #expect(try await bench.get(created.id, after: 0.5).status == .initializing)
        let started = try await bench.get(created.id, after: 2)
        #expect(started.status == .started)
        #expect(started.startedDateTime == bench.clock.now)
        var counts = [started.processedElementCount ?? -1]
        for _ in 0..<3 {
            let run = try await bench.get(created.id, after: 0.5)
            #expect(run.status == .started)
            counts.append(run.processedElementCount ?? -1)
        }
        #expect(counts == [0, 250, 500, 750])
        let finished = try await bench.get(created.id, after: 0.5)
        #expect(finished.status == .succeeded)
        #expect(finished.processedElementCount == 1_000)
        #expect(finished.finishedDateTime == bench.clock.now)
        #expect(finished.errorMessage == "")
        let pushed = try #require(bench.simulator.changesets(of: bench.target).last)
        #expect(bench.simulator.changesets(of: bench.target).count == changesetsBefore + 1)
        #expect(pushed.description == "Example comment")
        #expect(finished.lastTargetChangesetPushed == pushed.id)
        #expect(bench.simulator.transformations(of: configuration).map(\.status) == [.succeeded])
    }

    @Test func aConfiguredFailureEndsFailedWithItsMessage() async throws {
        let bench = SimulatorFixture.transformations()
        bench.simulator.setTransformationsFail(targeting: bench.target, message: "Conflicting ECSchemas.")
        let configuration = try await bench.createConfiguration()
        let run = try await bench.run(configuration)
        let midway = try await bench.get(run.id, after: 4.5)
        #expect(midway.status == .started)
        #expect(midway.errorMessage == "")
        let failed = try await bench.get(run.id, after: 60)
        #expect(failed.status == .failed)
        #expect(failed.errorMessage == "Conflicting ECSchemas.")
        #expect(failed.errorCode != nil)
        #expect((failed.processedElementCount ?? 0) < (failed.totalElementCount ?? 0))
        #expect(failed.finishedDateTime != nil)
        #expect(bench.simulator.subjects(of: bench.target).isEmpty)
        #expect(bench.simulator.transformations(of: configuration).first?.errorMessage == "Conflicting ECSchemas.")

        bench.simulator.setTransformationsFail(targeting: bench.target, message: nil)
        let again = try await bench.run(configuration)
        #expect(try await bench.get(again.id, after: 60).status == .succeeded)
    }

    @Test func cancelAbortsARunAndAFinishedRunCannotBeCancelled() async throws {
        let bench = SimulatorFixture.transformations()
        let configuration = try await bench.createConfiguration()
        let run = try await bench.run(configuration)
        let started = try await bench.get(run.id, after: 5)
        #expect(started.status == .started && started.processedElementCount == 500)
        let cancelled = try await bench.send(.delete, "/transformations/\(run.id)")
        #expect(cancelled.status == 200)
        #expect(cancelled.transformation?.status == .aborted)
        #expect(cancelled.transformation?.finishedDateTime == bench.clock.now)
        let later = try await bench.get(run.id, after: 60)
        #expect(later.status == .aborted)
        #expect(later.processedElementCount == 500)
        #expect(bench.simulator.subjects(of: bench.target).isEmpty)
        let twice = try await bench.send(.delete, "/transformations/\(run.id)")
        #expect(twice.status == 200 && twice.transformation?.status == .aborted)

        let second = try await bench.run(configuration)
        bench.finishEverything()
        let finished = try await bench.send(.delete, "/transformations/\(second.id)")
        #expect(finished.status == 409)
        #expect(finished.error?.code == "TransformationNotCancellable")
        #expect(try await bench.get(second.id).status == .succeeded)

        let unknown = try await bench.send(.delete, "/transformations/00000000-0000-0000-0000-000000000000")
        #expect(unknown.status == 404 && unknown.error?.code == "TransformationNotFound")
    }

    @Test func aRunCancelledBeforeItStartedHasNoStartDate() async throws {
        let bench = SimulatorFixture.transformations()
        let run = try await bench.run(try await bench.createConfiguration())
        bench.clock.advance(by: .seconds(1))
        let cancelled = try await bench.send(.delete, "/transformations/\(run.id)")
        #expect(cancelled.transformation?.status == .aborted)
        let later = try await bench.get(run.id, after: 60)
        #expect(later.status == .aborted)
        #expect(later.startedDateTime == nil)
        #expect(later.processedElementCount == 0)
    }

    @Test func oneRunPerTargetAtATimeUnlessQueueing() async throws {
        let bench = SimulatorFixture.transformations()
        let first = try await bench.createConfiguration()
        let second = try await bench.createConfiguration(
            TransformationsSeeds.importPath, bench.configurationBody(source: bench.secondSource))
        let running = try await bench.run(first)
        let refused = try await bench.startRun(second)
        #expect(refused.status == 409)
        #expect(refused.error?.code == "TransformationInProgress")
        #expect(bench.simulator.transformations(of: second).isEmpty)

        let queued = try await bench.run(second, queueing: true)
        #expect(queued.status == .created)
        // The queued run waits while the first one runs (it is done 6 s after it was created).
        #expect(try await bench.get(queued.id, after: 5).status == .created)
        #expect(try await bench.get(running.id).status == .started)
        let firstDone = try await bench.get(running.id, after: 1)
        #expect(firstDone.status == .succeeded)
        #expect(try await bench.get(queued.id, after: 2).status == .initializing)
        let queuedStarted = try await bench.get(queued.id, after: 2)
        #expect(queuedStarted.status == .started)
        let queuedDone = try await bench.get(queued.id, after: 60)
        #expect(queuedDone.status == .succeeded)
        let firstFinished = try #require(firstDone.finishedDateTime)
        #expect(try #require(queuedDone.startedDateTime) >= firstFinished)
        #expect(Set(bench.simulator.subjects(of: bench.target).map(\.codeValue)) == [bench.source, bench.secondSource])

        // Once nothing runs on the target, a run without queueing is accepted again.
        #expect(try await bench.startRun(first).status == 201)
    }

    @Test func cancellingTheRunningRunLetsTheQueuedOneBegin() async throws {
        let bench = SimulatorFixture.transformations()
        let first = try await bench.createConfiguration()
        let second = try await bench.createConfiguration(
            TransformationsSeeds.importPath, bench.configurationBody(source: bench.secondSource))
        let running = try await bench.run(first)
        let queued = try await bench.run(second, queueing: true)
        bench.clock.advance(by: .seconds(3))
        #expect(try await bench.send(.delete, "/transformations/\(running.id)").transformation?.status == .aborted)
        // It begins at the abort (3 s), so it is Initializing 2 s later, before the first run would have ended (6 s).
        #expect(try await bench.get(queued.id, after: 1.5).status == .created)
        #expect(try await bench.get(queued.id, after: 0.5).status == .initializing)
        #expect(try await bench.get(queued.id, after: 60).status == .succeeded)
        #expect(bench.simulator.subjects(of: bench.target).map(\.codeValue) == [bench.secondSource])
    }

    @Test func runsOnDifferentTargetsDoNotWaitForEachOther() async throws {
        let bench = SimulatorFixture.transformations()
        let other = bench.simulator.addIModel(SimulatorIModelSeed(iTwinId: bench.iTwin, name: "Other target"))
        let first = try await bench.createConfiguration()
        let second = try await bench.createConfiguration(
            TransformationsSeeds.importPath, bench.configurationBody(target: other))
        _ = try await bench.run(first)
        let parallel = try await bench.run(second)
        #expect(try await bench.get(parallel.id, after: 4).status == .started)
    }

    @Test func aRunNeedsAKnownConfigurationAndNothingElse() async throws {
        let bench = SimulatorFixture.transformations()
        let unknown = try await bench.startRun("00000000-0000-0000-0000-000000000000")
        #expect(unknown.status == 404 && unknown.error?.code == "ConfigurationNotFound")
        let configuration = try await bench.createConfiguration()
        let extra = try await bench.send(
            .post, "/transformations/", json: #"{"configurationId":"\#(configuration)","priority":1}"#)
        #expect(extra.status == 422 && extra.error?.details?.first?.target == "priority")
        #expect(bench.simulator.transformations(of: configuration).isEmpty)
    }

    @Test func importAddsASubjectNamedAfterTheSource() async throws {
        let bench = SimulatorFixture.transformations()
        let run = try await bench.run(try await bench.createConfiguration())
        #expect(try await bench.get(run.id, after: 5).status == .started)
        #expect(bench.simulator.subjects(of: bench.target).isEmpty)
        #expect(try await bench.get(run.id, after: 1).status == .succeeded)
        let subjects = bench.simulator.subjects(of: bench.target)
        #expect(subjects.map(\.codeValue) == [bench.source])
        #expect(subjects.map(\.userLabel) == ["Bridge"])
        #expect(subjects.first?.elementCount == 1_000)
    }

    @Test func aRepositoryImportBringsOnlyThatRepositorysData() async throws {
        let bench = SimulatorFixture.transformations()
        let configuration = try await bench.createConfiguration(
            TransformationsSeeds.importPath,
            bench.configurationBody(extra: #""transformParameters":{"fedGuidsOfRepositoriesToExport":["3f1c7d2e"]}"#))
        let run = try await bench.run(configuration)
        #expect((run.totalElementCount ?? 0) < 1_000)
        bench.finishEverything()
        let subject = try #require(bench.simulator.subjects(of: bench.target).first)
        #expect(subject.codeValue == bench.source && subject.userLabel == "Bridge")
        #expect(subject.elementCount == run.totalElementCount)
    }

    @Test func aRerunIsIncremental() async throws {
        let bench = SimulatorFixture.transformations()
        let configuration = try await bench.createConfiguration()
        let first = try await bench.run(configuration)
        #expect(first.totalElementCount == 1_000)
        bench.finishEverything()
        let changesets = bench.simulator.changesets(of: bench.target).count

        let unchanged = try await bench.run(configuration)
        #expect(unchanged.totalElementCount == 0)
        let done = try await bench.get(unchanged.id, after: 60)
        #expect(done.status == .succeeded && done.processedElementCount == 0)
        #expect(bench.simulator.changesets(of: bench.target).count == changesets)
        #expect(bench.simulator.subjects(of: bench.target).count == 1)

        // Importing something into the source gives it a new changeset, which the next rerun brings over.
        let intoSource = try await bench.createConfiguration(
            TransformationsSeeds.importPath,
            bench.configurationBody(source: bench.secondSource, target: bench.source))
        _ = try await bench.run(intoSource)
        bench.finishEverything()
        let changed = try await bench.run(configuration)
        #expect((changed.totalElementCount ?? 0) > 0)
        #expect((changed.totalElementCount ?? 0) < 1_000)
        #expect(try await bench.get(changed.id, after: 60).status == .succeeded)
        #expect(bench.simulator.changesets(of: bench.target).count == changesets + 1)
        #expect(bench.simulator.transformations(of: configuration).count == 3)
    }

    @Test func populateFederationGuidsClearsTheFlagWhenItSucceeds() async throws {
        let bench = SimulatorFixture.transformations()
        #expect(bench.simulator.isMissingFederationGuids(bench.main))
        let configuration = try await bench.createConfiguration(
            TransformationsSeeds.populatePath, bench.configurationBody(source: bench.main, target: bench.main))
        let run = try await bench.run(configuration)
        #expect(try await bench.get(run.id, after: 4.5).status == .started)
        #expect(bench.simulator.isMissingFederationGuids(bench.main))
        #expect(try await bench.get(run.id, after: 60).status == .succeeded)
        #expect(!bench.simulator.isMissingFederationGuids(bench.main))
    }

    /// Forks `main` through the iModels routes and lets the fork complete.
    private func fork(_ bench: SimulatorFixture<TransformationsSeeds>, _ main: String, name: String) async throws
        -> String
    {
        let answer = try await bench.send(
            .post, "/imodels/\(main)/fork", json: #"{"iTwinId":"\#(bench.iTwin)","name":"\#(name)"}"#)
        try #require(answer.status == 202, "fork refused: \(answer.text)")
        bench.finishEverything()
        let location = try #require(answer.response.headers["Location"].flatMap(URL.init(string:)))
        return location.lastPathComponent
    }

    @Test func mergeRecordsTheMergeInEitherDirection() async throws {
        let bench = SimulatorFixture.transformations()
        let forkId = try await fork(bench, bench.source, name: "Bridge fork")
        #expect(bench.simulator.createOperation(of: forkId)?.state == .successful)
        let back = try await bench.createConfiguration(
            TransformationsSeeds.mergePath, bench.configurationBody(source: forkId, target: bench.source))
        let merged = try await bench.get(try await bench.run(back).id, after: 60)
        #expect(merged.status == .succeeded)
        #expect(bench.simulator.merges(into: bench.source) == [forkId])
        let forward = try await bench.createConfiguration(
            TransformationsSeeds.mergePath, bench.configurationBody(source: bench.source, target: forkId))
        #expect(try await bench.get(try await bench.run(forward).id, after: 60).status == .succeeded)
        #expect(bench.simulator.merges(into: forkId) == [bench.source])
    }

    @Test func mergeFailsForUnrelatedIModels() async throws {
        let bench = SimulatorFixture.transformations()
        let configuration = try await bench.createConfiguration(
            TransformationsSeeds.mergePath, bench.configurationBody(source: bench.secondSource, target: bench.source))
        let run = try await bench.get(try await bench.run(configuration).id, after: 60)
        #expect(run.status == .failed)
        #expect(run.errorMessage?.contains("not related") == true)
        #expect(bench.simulator.merges(into: bench.source).isEmpty)
    }

    @Test func mergeFailsWhileAnIModelLacksFederationGuids() async throws {
        let bench = SimulatorFixture.transformations()
        let forkId = try await fork(bench, bench.source, name: "Bridge fork")
        bench.simulator.setMissingFederationGuids(true, for: bench.source)
        let configuration = try await bench.createConfiguration(
            TransformationsSeeds.mergePath, bench.configurationBody(source: forkId, target: bench.source))
        let run = try await bench.get(try await bench.run(configuration).id, after: 60)
        #expect(run.status == .failed)
        #expect(run.errorMessage?.contains("PopulateFederationGuids") == true)
        #expect(bench.simulator.merges(into: bench.source).isEmpty)
    }

    @Test func runsAreListedByConfiguration() async throws {
        let bench = SimulatorFixture.transformations()
        let configuration = try await bench.createConfiguration()
        let first = try await bench.run(configuration)
        bench.finishEverything()
        let second = try await bench.run(configuration)
        let list = try await bench.send(
            .get, "/transformations/?configurationId=\(configuration)", headers: ["Prefer": "return=representation"])
        #expect(list.status == 200)
        let items = try #require(list.object?["transformations"] as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == [first.id, second.id])
        #expect(items.map { $0["status"] as? String } == ["Succeeded", "Created"])
        #expect(bench.simulator.transformations(of: configuration).map(\.id) == [first.id, second.id])
        let missing = try await bench.send(.get, "/transformations/")
        #expect(missing.status == 422)
    }
}
