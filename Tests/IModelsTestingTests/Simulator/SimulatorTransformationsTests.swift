import Foundation
import IModelsClient
import IModelsTesting
import Testing

/// The simulator's Transformations v1 configurations, validated as seed `004` specifies.
@Suite struct SimulatorTransformationConfigurationTests {
    static let paths = [
        TransformationsSeeds.importPath, TransformationsSeeds.mergePath, TransformationsSeeds.populatePath,
    ]
    static let requiredFields = [
        "transformName", "sourceProjectId", "sourceIModelId", "targetProjectId", "targetIModelId", "comment",
    ]

    /// A valid body for each configuration type (PopulateFederationGuids works on one iModel).
    private func validBody(_ bench: SimulatorFixture<TransformationsSeeds>, for path: String) -> String {
        path == TransformationsSeeds.populatePath
            ? bench.configurationBody(source: bench.main, target: bench.main) : bench.configurationBody()
    }

    @Test(arguments: zip(paths, ["ImportIModel", "MergeIModel", "PopulateFederationGuids"]))
    func eachTypeIsCreatedWith201AndItsLinks(_ path: String, _ type: String) async throws {
        let bench = SimulatorFixture.transformations()
        let answer = try await bench.send(.post, path, json: validBody(bench, for: path))
        #expect(answer.status == 201)
        let raw = try #require(answer.rawConfiguration)
        #expect(
            Set(raw.keys)
                == ["id", "transformName", "comment", "createdDateTime", "modifiedDateTime", "transformType", "_links"])
        let configuration = try #require(answer.configuration)
        #expect(configuration.transformType.rawValue == type)
        #expect(configuration.transformName == "Example name")
        #expect(configuration.comment == "Example comment")
        #expect(configuration.createdDateTime == bench.clock.now)
        let expectedSource = path == TransformationsSeeds.populatePath ? bench.main : bench.source
        #expect(configuration.sourceIModelId == expectedSource)
        #expect(configuration.links?.sourceProject?.href == "https://api.bentley.com/itwins/\(bench.iTwin)")
        #expect(configuration.links?.targetProject?.href == "https://api.bentley.com/itwins/\(bench.iTwin)")
        #expect(bench.simulator.configurationIds == [configuration.id])
    }

    @Test(arguments: paths, requiredFields)
    func everyRequiredFieldIsRequired(_ path: String, _ field: String) async throws {
        let bench = SimulatorFixture.transformations()
        for replacement in [nil, "  "] as [String?] {
            let body =
                path == TransformationsSeeds.populatePath
                ? bench.configurationBody(source: bench.main, target: bench.main, replacing: [field: replacement])
                : bench.configurationBody(replacing: [field: replacement])
            let answer = try await bench.send(.post, path, json: body)
            if replacement != nil && field == "comment" {
                // A blank comment is still a comment; the schema only requires the property.
                #expect(answer.status == 201)
                continue
            }
            #expect(answer.status == 422, "\(field) = \(String(describing: replacement)): \(answer.text)")
            #expect(answer.error?.code == "InvalidRequestBody")
            #expect(answer.error?.details?.first?.code == "MissingRequiredProperty")
            #expect(answer.error?.details?.first?.target == field)
        }
        #expect(bench.simulator.configurationIds.count == (field == "comment" ? 1 : 0))
    }

    @Test(arguments: paths)
    func additionalPropertiesAreRefused(_ path: String) async throws {
        let bench = SimulatorFixture.transformations()
        let answer = try await bench.send(
            .post, path, json: bench.configurationBody(source: bench.main, target: bench.main, extra: #""name":"x""#))
        #expect(answer.status == 422)
        #expect(answer.error?.code == "InvalidRequestBody")
        #expect(answer.error?.details?.first?.target == "name")
        #expect(answer.error?.details?.first?.message == "Property 'name' is not allowed.")
        #expect(bench.simulator.configurationIds.isEmpty)
    }

    @Test(arguments: [TransformationsSeeds.mergePath, TransformationsSeeds.populatePath])
    func onlyImportIModelTakesTransformParameters(_ path: String) async throws {
        let bench = SimulatorFixture.transformations()
        let answer = try await bench.send(
            .post, path,
            json: bench.configurationBody(
                source: bench.main, target: bench.main, extra: #""transformParameters":{}"#))
        #expect(answer.status == 422)
        #expect(answer.error?.details?.first?.target == "transformParameters")
    }

    @Test func transformParametersAllowNothingButTheFederationGuids() async throws {
        let bench = SimulatorFixture.transformations()
        let answer = try await bench.send(
            .post, TransformationsSeeds.importPath,
            json: bench.configurationBody(
                extra: #""transformParameters":{"fedGuidsOfRepositoriesToExport":[],"ecSql":"SELECT 1"}"#))
        #expect(answer.status == 422)
        #expect(answer.error?.details?.first?.target == "transformParameters.ecSql")
        let notAnObject = try await bench.send(
            .post, TransformationsSeeds.importPath, json: bench.configurationBody(extra: #""transformParameters":[]"#))
        #expect(notAnObject.status == 422)
        #expect(notAnObject.error?.details?.first?.code == "InvalidValue")
        let notStrings = try await bench.send(
            .post, TransformationsSeeds.importPath,
            json: bench.configurationBody(extra: #""transformParameters":{"fedGuidsOfRepositoriesToExport":[1]}"#))
        #expect(notStrings.status == 422)
        #expect(notStrings.error?.details?.first?.target == "transformParameters.fedGuidsOfRepositoriesToExport")
        #expect(bench.simulator.configurationIds.isEmpty)
    }

    @Test func atMostOneFederationGuidIsAccepted() async throws {
        let bench = SimulatorFixture.transformations()
        let two = try await bench.send(
            .post, TransformationsSeeds.importPath,
            json: bench.configurationBody(
                extra: #""transformParameters":{"fedGuidsOfRepositoriesToExport":["a","b"]}"#))
        #expect(two.status == 422)
        #expect(two.error?.details?.first?.code == "InvalidValue")
        #expect(two.error?.details?.first?.target == "transformParameters.fedGuidsOfRepositoriesToExport")
        let one = try await bench.send(
            .post, TransformationsSeeds.importPath,
            json: bench.configurationBody(
                extra: #""transformParameters":{"fedGuidsOfRepositoriesToExport":["3f1c7d2e"]}"#))
        #expect(one.status == 201)
        #expect(one.configuration?.parameters == .importIModel(fedGuidsOfRepositoriesToExport: ["3f1c7d2e"]))
        let raw = try #require(one.rawConfiguration?["transformParameters"] as? [String: Any])
        #expect(raw["fedGuidsOfRepositoriesToExport"] as? [String] == ["3f1c7d2e"])
        #expect(bench.simulator.configurationIds.count == 1)
    }

    @Test(arguments: paths + ["/transformations/"])
    func aMissingBodyIs422MissingRequestBody(_ path: String) async throws {
        let bench = SimulatorFixture.transformations()
        let answer = try await bench.send(.post, path)
        #expect(answer.status == 422)
        #expect(answer.error == WireError(code: "MissingRequestBody", message: "Request body was not provided."))
        let notJSON = try await bench.send(.post, path, json: "[1, 2]")
        #expect(notJSON.status == 422)
        #expect(notJSON.error?.code == "InvalidRequestBody")
    }

    @Test func anUnknownIModelOrOneOutsideTheGivenProjectIs404() async throws {
        let bench = SimulatorFixture.transformations()
        let bodies = [
            bench.configurationBody(source: "00000000-0000-0000-0000-000000000000"),
            bench.configurationBody(target: "00000000-0000-0000-0000-000000000000"),
            bench.configurationBody(sourceProject: bench.otherITwin),
            bench.configurationBody(targetProject: bench.otherITwin),
            bench.configurationBody(sourceProject: "no-such-project"),
        ]
        for body in bodies {
            let answer = try await bench.send(.post, TransformationsSeeds.importPath, json: body)
            #expect(answer.status == 404, "\(body)")
            #expect(answer.error == WireError(code: "IModelNotFound", message: "Requested IModel is not available."))
        }
        #expect(bench.simulator.configurationIds.isEmpty)
    }

    @Test func populateFederationGuidsWorksOnOneIModel() async throws {
        let bench = SimulatorFixture.transformations()
        let answer = try await bench.send(.post, TransformationsSeeds.populatePath, json: bench.configurationBody())
        #expect(answer.status == 422)
        #expect(answer.error?.details?.first?.target == "targetIModelId")
    }

    @Test func readOnTheSourceAndWriteOnTheTargetAreRequired() async throws {
        let bench = SimulatorFixture.transformations()
        let sourceITwin = bench.simulator.addITwin(name: "Sources")
        let elsewhere = bench.simulator.addIModel(SimulatorIModelSeed(iTwinId: sourceITwin, name: "Elsewhere"))
        let body = bench.configurationBody(source: elsewhere, sourceProject: sourceITwin)
        bench.simulator.setPermissions([.webView, .write], for: TransformationsSeeds.token, in: sourceITwin)
        let noRead = try await bench.send(.post, TransformationsSeeds.importPath, json: body)
        #expect(noRead.status == 403)
        #expect(
            noRead.error
                == WireError(
                    code: "InsufficientPermissions",
                    message: "The user has insufficient permissions for the requested operation."))
        bench.simulator.setPermissions([.read], for: TransformationsSeeds.token, in: sourceITwin)
        bench.simulator.setPermissions([.webView, .read], for: TransformationsSeeds.token, in: bench.iTwin)
        let noWrite = try await bench.send(.post, TransformationsSeeds.importPath, json: body)
        #expect(noWrite.status == 403)
        #expect(bench.simulator.configurationIds.isEmpty)
        bench.simulator.setPermissions([.read, .write], for: TransformationsSeeds.token, in: bench.iTwin)
        let allowed = try await bench.send(.post, TransformationsSeeds.importPath, json: body)
        #expect(allowed.status == 201)
    }

    @Test func withoutATokenTheAnswerIs401HeaderNotFound() async throws {
        let bench = SimulatorFixture.transformations()
        let answer = try await bench.send(
            .post, TransformationsSeeds.importPath, json: bench.configurationBody(), token: nil)
        #expect(answer.status == 401)
        #expect(
            answer.error
                == WireError(
                    code: "HeaderNotFound", message: "Header Authorization was not found in the request. Access denied."
                ))
    }

    @Test func overTheTierLimitTheAnswerIs429WithRetryAfter() async throws {
        let tier = SimulatorTier(name: "Tiny", cloneAndForkPerMinute: nil, platformPerMinute: 1)
        let bench = SimulatorFixture.transformations(options: SimulatorOptions(tier: tier))
        _ = try await bench.createConfiguration()
        let answer = try await bench.send(.post, TransformationsSeeds.importPath, json: bench.configurationBody())
        #expect(answer.status == 429)
        #expect(
            answer.error
                == WireError(
                    code: "RateLimitExceeded",
                    message:
                        "The client sent more requests than allowed by this API for the current tier of the client."))
        #expect(Int(answer.response.headers["Retry-After"] ?? "") ?? 0 > 0)
        #expect(answer.response.headers["ITwinPlatform-RateLimited-API"] == "Transformations")
        #expect(bench.simulator.configurationIds.count == 1)
    }

    @Test func aConfigurationIsReadListedAndDeleted() async throws {
        let bench = SimulatorFixture.transformations()
        let id = try await bench.createConfiguration()
        let read = try await bench.send(.get, "/transformations/configurations/\(id)")
        #expect(read.status == 200 && read.configuration?.id == id)
        let minimal = try await bench.send(.get, "/transformations/configurations?projectId=\(bench.iTwin)")
        let items = try #require(minimal.object?["configurations"] as? [[String: Any]])
        #expect(items.count == 1 && Set(items[0].keys) == ["id", "transformName"])
        let full = try await bench.send(
            .get, "/transformations/configurations?projectId=\(bench.iTwin)",
            headers: ["Prefer": "return=representation"])
        let fullItems = try #require(full.object?["configurations"] as? [[String: Any]])
        #expect(fullItems.first?["transformType"] as? String == "ImportIModel")
        let noProject = try await bench.send(.get, "/transformations/configurations")
        #expect(noProject.status == 422)
        let deleted = try await bench.send(.delete, "/transformations/configurations/\(id)")
        #expect(deleted.status == 200 && deleted.configuration?.id == id)
        let gone = try await bench.send(.get, "/transformations/configurations/\(id)")
        #expect(gone.status == 404 && gone.error?.code == "ConfigurationNotFound")
        #expect(bench.simulator.configurationIds.isEmpty)
    }
}

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
