import Foundation
import IModelsClient
import IModelsTesting
import Testing

/// Named versions end to end against the simulator in virtual time: clone as of a named version, copying named
/// versions onto a copy (and again after a failure), creation from a template, and lost answers that must not make two.
@Suite struct NamedVersionsBehaviourTests {
    typealias World = SimulatorFixture<BehaviourSeeds>

    /// The source "Bridge" with 4 changesets and named versions on the baseline ("Start"), changeset 2 ("R2",
    /// hidden), changeset 3 ("R3") and changeset 4 ("R4").
    private func world() -> World {
        let world = SimulatorFixture.behaviour(changesetCount: 4)
        let source = world.source
        world.simulator.addNamedVersion(to: source, name: "Start", description: "Empty")
        world.simulator.addNamedVersion(
            to: source, name: "R2", description: "Second", changesetIndex: 2, state: .hidden)
        world.simulator.addNamedVersion(to: source, name: "R3", changesetIndex: 3)
        world.simulator.addNamedVersion(to: source, name: "R4", description: "Fourth", changesetIndex: 4)
        return world
    }

    private func versionId(_ world: World, _ name: String) throws -> String {
        try #require(world.simulator.namedVersions(of: world.source).first { $0.name == name }?.id)
    }

    @Test func aCloneAsOfANamedVersionHasTheChangesetsUpToIt() async throws {
        let world = world()
        let client = world.client
        let r3 = try versionId(world, "R3")
        let clone = try await world.clock.run {
            try await client.cloneAndWait(
                world.source, into: world.otherITwin, name: "As released", upTo: .namedVersion(r3))
        }
        let source = world.simulator.changesets(of: world.source)
        #expect(world.simulator.changesets(of: clone.id).map(\.id) == source.prefix(3).map(\.id))
        #expect(world.simulator.createOperation(of: clone.id)?.clonedFrom?.changesetId == source[2].id)
        #expect(world.simulator.namedVersions(of: clone.id).isEmpty, "a clone copies no named versions by itself")
    }

    @Test func aMissingNamedVersionCreatesNothing() async throws {
        let world = world()
        let client = world.client
        let error = await captureError {
            _ = try await world.clock.run {
                try await client.cloneAndWait(world.source, into: world.otherITwin, upTo: .namedVersion("gone"))
            }
        }
        guard case .api(let api)? = error else {
            Issue.record("expected the 404, got \(String(describing: error))")
            return
        }
        #expect(api.code == "NamedVersionNotFound" && (api.message ?? "").contains("gone"))
        #expect(world.simulator.iModels(in: world.otherITwin).isEmpty)
        #expect(world.logged(.post, "/imodels/*/clone").isEmpty)
    }

    @Test func cloneAndWaitCopiesTheNamedVersionsWithinTheCopiedChangesets() async throws {
        let world = world()
        let client = world.client
        let events = EventLog()
        let clone = try await world.clock.run {
            try await client.cloneAndWait(
                world.source, into: world.otherITwin, name: "Copy", upTo: .changesetIndex(3), copyNamedVersions: true,
                until: .initialized, onUpdate: { events.record($0) })
        }
        let copied = try #require(
            events.all.compactMap { event -> NamedVersionsCopy? in
                if case .namedVersionsCopied(let copy) = event { return copy }
                return nil
            }.first)
        #expect(copied.created.map(\.name) == ["Start", "R2", "R3"])
        #expect(copied.skipped.map(\.namedVersion.name) == ["R4"])
        #expect(copied.skipped.map(\.reason) == [.afterCopiedChangesets])
        let onCopy = world.simulator.namedVersions(of: clone.id)
        let source = world.simulator.namedVersions(of: world.source)
        for name in ["Start", "R2", "R3"] {
            let mine = try #require(onCopy.first { $0.name == name })
            let theirs = try #require(source.first { $0.name == name })
            #expect(mine.changesetId == theirs.changesetId && mine.changesetIndex == theirs.changesetIndex, "\(name)")
            #expect(mine.description == theirs.description && mine.state == theirs.state, "\(name)")
        }
        #expect(world.simulator.createOperation(of: clone.id)?.state == .successful, "waited for completion")
    }

    @Test func aRerunAfterAFailureFinishesTheJob() async throws {
        let world = world()
        let client = world.client
        let clone = try await world.clock.run {
            try await client.cloneAndWait(world.source, into: world.otherITwin, name: "Copy")
        }
        // The first run fails when it hides R2 (just created): R2 stays visible, R3 and R4 are not made.
        world.simulator.inject(
            .respond(status: 403, json: #"{"error":{"code":"InsufficientPermissions","message":"No."}}"#),
            on: .patch, "/imodels/*/namedversions/*")
        let failure = await captureError {
            _ = try await world.clock.run { try await client.copyNamedVersions(from: world.source, to: clone.id) }
        }
        #expect(failure?.apiError?.status == 403)
        #expect(world.simulator.namedVersions(of: clone.id).map(\.name) == ["Start", "R2"])
        let rerun = try await world.clock.run { try await client.copyNamedVersions(from: world.source, to: clone.id) }
        #expect(rerun.created.map(\.name) == ["R3", "R4"])
        #expect(rerun.skipped.map(\.namedVersion.name) == ["Start", "R2"])
        #expect(rerun.skipped.allSatisfy { $0.reason == .alreadyPresent })
        let onCopy = world.simulator.namedVersions(of: clone.id)
        #expect(onCopy.map(\.name) == ["Start", "R2", "R3", "R4"])
        #expect(onCopy.first { $0.name == "R2" }?.state == .hidden, "the rerun hid what the failed run left visible")
        let third = try await world.clock.run { try await client.copyNamedVersions(from: world.source, to: clone.id) }
        #expect(third.created.isEmpty && third.skipped.count == 4)
        #expect(world.simulator.namedVersions(of: clone.id).count == 4)
    }

    /// A user named things on the copy first: "r3" (R3 in another case, which the service takes for the same name)
    /// and "Mine" on changeset 4 (which can carry one version). The copy skips both and still finishes.
    @Test func versionsAUserMadeOnTheCopyAreSkippedNotFatal() async throws {
        let world = world()
        let client = world.client
        let clone = try await world.clock.run {
            try await client.cloneAndWait(world.source, into: world.otherITwin, name: "Copy")
        }
        world.simulator.addNamedVersion(to: clone.id, name: "r3", changesetIndex: 1)
        world.simulator.addNamedVersion(to: clone.id, name: "Mine", changesetIndex: 4)
        let copy = try await world.clock.run { try await client.copyNamedVersions(from: world.source, to: clone.id) }
        #expect(copy.created.map(\.name) == ["Start", "R2"])
        let skipped = copy.skipped.map { "\($0.namedVersion.name):\($0.reason)" }
        #expect(skipped == ["R3:alreadyPresent", "R4:changesetAlreadyNamed"])
        #expect(world.simulator.namedVersions(of: clone.id).map(\.name).sorted() == ["Mine", "R2", "Start", "r3"])
    }

    @Test func aSquashedForkGetsOnlyTheVersionOfItsPointOnItsBaseline() async throws {
        let world = world()
        let client = world.client
        let events = EventLog()
        let fork = try await world.clock.run {
            try await client.forkAndWait(
                world.source, into: world.otherITwin, name: "Fork", upTo: .changesetIndex(3), copyNamedVersions: true,
                onUpdate: { events.record($0) })
        }
        let onFork = world.simulator.namedVersions(of: fork.id)
        #expect(onFork.map(\.name) == ["R3"])
        #expect(onFork.first?.changesetIndex == 0, "on the fork's baseline, the source's state at R3")
        let copied = try #require(
            events.all.compactMap { event -> NamedVersionsCopy? in
                if case .namedVersionsCopied(let copy) = event { return copy }
                return nil
            }.first)
        #expect(copied.skipped.map(\.reason) == [.noMatchingChangeset, .noMatchingChangeset, .afterCopiedChangesets])
    }

    @Test func aForkThatKeepsItsHistoryGetsEveryVersion() async throws {
        let world = world()
        let client = world.client
        let events = EventLog()
        let fork = try await world.clock.run {
            try await client.forkAndWait(
                world.source, into: world.otherITwin, name: "Fork", preserveHistory: true, copyNamedVersions: true,
                onUpdate: { events.record($0) })
        }
        let copied = events.all.compactMap { event -> NamedVersionsCopy? in
            if case .namedVersionsCopied(let copy) = event { return copy }
            return nil
        }
        #expect(copied.map(\.copyIModelId) == [fork.id])
        #expect(copied.first?.created.map(\.name) == ["Start", "R2", "R3", "R4"])
        #expect(world.simulator.namedVersions(of: fork.id).map(\.name) == ["Start", "R2", "R3", "R4"])
    }

    @Test func copyingFromAnotherSourceIsRefused() async throws {
        let world = world()
        let client = world.client
        let other = world.simulator.addIModel(SimulatorIModelSeed(iTwinId: world.iTwin, name: "Other"))
        let clone = try await world.clock.run {
            try await client.cloneAndWait(world.source, into: world.otherITwin, name: "Copy")
        }
        let error = await captureError { _ = try await client.copyNamedVersions(from: other, to: clone.id) }
        guard case .invalidRequest? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(world.simulator.namedVersions(of: clone.id).isEmpty)
    }

    @Test func aTemplateCopyIsCreatedAndWaitedFor() async throws {
        let world = world()
        let client = world.client
        let r2 = try versionId(world, "R2")
        let model = try await world.clock.run {
            try await client.iModels.createIModel(
                fromTemplate: world.source, upTo: .namedVersion(r2), in: world.otherITwin, name: "From R2")
        }
        #expect(model.state == .initialized && model.name == "From R2")
        #expect(world.simulator.createOperation(of: model.id)?.state == .successful)
        #expect(world.simulator.changesets(of: model.id).isEmpty, "history squashed into the baseline")
        let posted = try #require(world.logged(.post, "/imodels").first?.request.body)
        let template = try JSONDecoder().decode(JSONValue.self, from: posted)
        let changesetId = world.simulator.changesets(of: world.source)[1].id
        #expect(
            template
                == (try IModelsFixtures.json(
                    #"{"iTwinId":"\#(world.otherITwin)","name":"From R2","creationMode":"fromiModelVersion","#
                        + #""template":{"iModelId":"\#(world.source)","changesetId":"\#(changesetId)"}}"#)))
        let copied = try await world.clock.run { try await client.copyNamedVersions(from: world.source, to: model.id) }
        #expect(copied.created.isEmpty && copied.skipped.allSatisfy { $0.reason == .noMatchingChangeset })
    }

    @Test(arguments: [SimulatorFault.connectionLostAfterServerActs, .timeout(afterServerActs: true)])
    func aLostAnswerToATemplateCreationDoesNotMakeTwo(_ fault: SimulatorFault) async throws {
        let world = world()
        let client = world.client
        world.simulator.inject(fault, on: .post, "/imodels")
        let model = try await world.clock.run {
            try await client.iModels.createIModel(fromTemplate: world.source, in: world.otherITwin, name: "T")
        }
        #expect(world.simulator.iModels(in: world.otherITwin).map(\.id) == [model.id])
        #expect(world.logged(.post, "/imodels").count == 1)
    }

    @Test(arguments: [
        (SimulatorFault.connectionLostAfterServerActs, 1), (.timeout(afterServerActs: true), 1),
        (.respond(status: 502), 2),
    ])
    func aLostAnswerToANamedVersionCreationDoesNotMakeTwo(_ fault: SimulatorFault, _ expectedPosts: Int) async throws {
        let world = world()
        let client = world.client
        let changeset = world.simulator.changesets(of: world.source)[0].id
        world.simulator.inject(fault, on: .post, "/imodels/*/namedversions")
        let version = try await world.clock.run {
            try await client.iModels.createNamedVersion(of: world.source, name: "R1", changesetId: changeset)
        }
        let all = world.simulator.namedVersions(of: world.source).filter { $0.name == "R1" }
        #expect(all.map(\.id) == [version.id] && version.changesetIndex == 1)
        #expect(world.logged(.post, "/imodels/*/namedversions").count == expectedPosts)
    }

    @Test func aVersionTheListDoesNotShowYetIsResolvedBy409AndASecondLookup() async throws {
        let world = world()
        let client = world.client
        world.simulator.inject(.connectionLostAfterServerActs, on: .post, "/imodels/*/namedversions")
        world.simulator.inject(
            .respond(status: 200, json: #"{"namedVersions":[],"_links":{"next":null}}"#), on: .get,
            "/imodels/*/namedversions")
        let changeset = world.simulator.changesets(of: world.source)[0].id
        let version = try await world.clock.run {
            try await client.iModels.createNamedVersion(of: world.source, name: "Fresh", changesetId: changeset)
        }
        #expect(world.simulator.namedVersions(of: world.source).filter { $0.name == "Fresh" }.map(\.id) == [version.id])
        #expect(world.logged(.post, "/imodels/*/namedversions").map(\.status) == [nil, 409])
    }
}
