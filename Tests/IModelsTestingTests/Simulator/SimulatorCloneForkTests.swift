import Foundation
import IModelsClient
import IModelsTesting
import Testing

@Suite struct SimulatorCloneForkTests {
    @Test func aCloneCopiesEveryChangesetAndTheSourcesMetadataByDefault() async throws {
        let world = SimulatorFixture.bridges(changesetCount: 4)
        let response = try await world.copy(#"{"iTwinId":"\#(world.otherITwin)"}"#)
        #expect(response.status == 202)
        let id = try response.locationId()
        let sourceChangesets = world.simulator.changesets(of: world.source)
        #expect(world.simulator.changesets(of: id).map(\.id) == sourceChangesets.map(\.id))
        #expect(world.simulator.changesets(of: id).map(\.index) == [1, 2, 3, 4])

        let model = try await world.iModelJSON(id)
        #expect(model["name"] as? String == "Bridge")
        #expect(model["description"] as? String == "The source bridge")
        #expect(model["iTwinId"] as? String == world.otherITwin)
        let extent = try #require(model["extent"] as? [String: Any])
        let southWest = try #require(extent["southWest"] as? [String: Any])
        #expect(southWest["latitude"] as? Double == 46.1)
        #expect((extent["northEast"] as? [String: Any])?["longitude"] as? Double == 7.5)

        let operation = try await world.createOperationJSON(id)
        let clonedFrom = try #require(operation["clonedFrom"] as? [String: Any])
        #expect(clonedFrom["iModelId"] as? String == world.source)
        #expect(clonedFrom["changesetId"] as? String == sourceChangesets.last?.id)
        #expect(operation["forkedFrom"] is NSNull)
    }

    @Test func aCloneTakesTheGivenNameAndDescription() async throws {
        let world = SimulatorFixture.bridges()
        let response = try await world.copy(
            #"{"iTwinId":"\#(world.iTwin)","name":"Copy","description":"A copy of the bridge"}"#)
        let model = try await world.iModelJSON(try response.locationId())
        #expect(model["name"] as? String == "Copy")
        #expect(model["description"] as? String == "A copy of the bridge")
    }

    @Test(arguments: [0, 1, 2, 5])
    func aCloneUpToAChangesetIndexCopiesThatFar(_ index: Int) async throws {
        let world = SimulatorFixture.bridges(changesetCount: 5)
        let id = try await world.copied(name: "Copy", extra: #","changesetIndex":\#(index)"#)
        let copied = world.simulator.changesets(of: id)
        #expect(copied.map(\.index) == Array(stride(from: 1, through: index, by: 1)))
        let expected = index == 0 ? "" : world.simulator.changesets(of: world.source)[index - 1].id
        let clonedFrom = try #require(try await world.createOperationJSON(id)["clonedFrom"] as? [String: Any])
        #expect(clonedFrom["changesetId"] as? String == expected)
        #expect(
            world.simulator.createOperation(of: id)?.clonedFrom
                == ClonedFrom(iModelId: world.source, changesetId: expected))
    }

    @Test func aCloneUpToAChangesetIdCopiesThatFar() async throws {
        let world = SimulatorFixture.bridges(changesetCount: 5)
        let second = world.simulator.changesets(of: world.source)[1]
        let id = try await world.copied(name: "Copy", extra: #","changesetId":"\#(second.id)""#)
        #expect(world.simulator.changesets(of: id).map(\.index) == [1, 2])
        let clonedFrom = try #require(try await world.createOperationJSON(id)["clonedFrom"] as? [String: Any])
        #expect(clonedFrom["changesetId"] as? String == second.id)
    }

    @Test func anEmptyChangesetIdCopiesTheBaselineOnly() async throws {
        let world = SimulatorFixture.bridges(changesetCount: 3)
        let id = try await world.copied(name: "Copy", extra: #","changesetId":"""#)
        #expect(world.simulator.changesets(of: id).isEmpty)
        let clonedFrom = try #require(try await world.createOperationJSON(id)["clonedFrom"] as? [String: Any])
        #expect(clonedFrom["changesetId"] as? String == "")
    }

    @Test(arguments: [false, true])
    func bothChangesetIdAndIndexIs422MutuallyExclusive(_ fork: Bool) async throws {
        let world = SimulatorFixture.bridges(changesetCount: 3)
        let first = world.simulator.changesets(of: world.source)[0].id
        let response = try await world.copy(
            fork: fork, #"{"iTwinId":"\#(world.iTwin)","name":"Copy","changesetId":"\#(first)","changesetIndex":1}"#)
        #expect(response.status == 422)
        #expect(try response.errorCode() == "InvalidiModelsRequest")
        #expect(try response.detailCodes() == ["MutuallyExclusivePropertiesProvided"])
        #expect(world.simulator.iModels().count == 1)
    }

    @Test(arguments: [
        #","changesetId":"0123456789abcdef0123456789abcdef01234567""#, #","changesetIndex":4"#,
        #","changesetIndex":99"#,
    ])
    func anUnknownChangesetIs404ChangesetNotFound(_ extra: String) async throws {
        let world = SimulatorFixture.bridges(changesetCount: 3)
        for fork in [false, true] {
            let response = try await world.copy(
                fork: fork, #"{"iTwinId":"\#(world.iTwin)","name":"Copy"\#(extra)}"#)
            #expect(response.status == 404)
            #expect(try response.errorCode() == "ChangesetNotFound")
            #expect(try response.error()["message"] as? String == "Requested Changeset is not available.")
        }
        #expect(world.simulator.iModels().count == 1)
    }

    @Test func anUnknownSourceIs404IModelNotFoundAndAnUnknownITwin404ITwinNotFound() async throws {
        let world = SimulatorFixture.bridges()
        let noSource = try await world.copy(#"{"iTwinId":"\#(world.iTwin)","name":"Copy"}"#, from: "no-such-imodel")
        #expect(noSource.status == 404)
        #expect(try noSource.errorCode() == "iModelNotFound")
        #expect(try noSource.error()["message"] as? String == "Requested iModel is not available.")
        let noITwin = try await world.copy(#"{"iTwinId":"no-such-itwin","name":"Copy"}"#)
        #expect(noITwin.status == 404)
        #expect(try noITwin.errorCode() == "iTwinNotFound")
        #expect(world.simulator.iModels().count == 1)
    }

    @Test(arguments: [false, true])
    func aNameTakenInTheTargetITwinIs409IModelExists(_ fork: Bool) async throws {
        let world = SimulatorFixture.bridges()
        _ = try await world.copied(into: world.otherITwin, name: "Copy")
        let taken = try await world.copy(fork: fork, #"{"iTwinId":"\#(world.otherITwin)","name":"Copy"}"#)
        #expect(taken.status == 409)
        #expect(try taken.errorCode() == "iModelExists")
        #expect(
            try taken.error()["message"] as? String == "iModel with the same name already exists within the iTwin.")
        #expect(world.count(named: "Copy", in: world.otherITwin) == 1)
        // The same name in another iTwin is free.
        #expect(try await world.copy(fork: fork, #"{"iTwinId":"\#(world.iTwin)","name":"Copy"}"#).status == 202)
    }

    @Test(arguments: [false, true])
    func theDefaultNameIsTheSourcesAndMustBeFreeToo(_ fork: Bool) async throws {
        let world = SimulatorFixture.bridges()
        let sameITwin = try await world.copy(fork: fork, #"{"iTwinId":"\#(world.iTwin)"}"#)
        #expect(sameITwin.status == 409)
        #expect(try sameITwin.errorCode() == "iModelExists")

        let first = try await world.copy(fork: fork, #"{"iTwinId":"\#(world.otherITwin)"}"#)
        #expect(first.status == 202)
        #expect(try await world.iModelJSON(try first.locationId())["name"] as? String == "Bridge")
        let second = try await world.copy(fork: fork, #"{"iTwinId":"\#(world.otherITwin)"}"#)
        #expect(second.status == 409)
        #expect(world.count(named: "Bridge", in: world.otherITwin) == 1)
    }

    @Test func aDeletedIModelsNameIsFreeAgain() async throws {
        let world = SimulatorFixture.bridges()
        let id = try await world.copied(name: "Copy")
        #expect(try await world.send(.delete, "/imodels/\(id)").status == 204)
        #expect(try await world.copy(#"{"iTwinId":"\#(world.iTwin)","name":"Copy"}"#).status == 202)
    }

    @Test func aForkNamesItsMainIModelWithARelationship() async throws {
        let world = SimulatorFixture.bridges(changesetCount: 3)
        let id = try await world.copied(fork: true, into: world.otherITwin, name: "Fork")
        let operation = try await world.createOperationJSON(id)
        #expect(operation["clonedFrom"] is NSNull)
        let forkedFrom = try #require(operation["forkedFrom"] as? [String: Any])
        #expect(forkedFrom["iModelId"] as? String == world.source)
        #expect(forkedFrom["changesetId"] as? String == world.simulator.changesets(of: world.source).last?.id)
        let relationship = try #require(forkedFrom["relationshipId"] as? String)
        #expect(!relationship.isEmpty)
        let inspected = try #require(world.simulator.createOperation(of: id)?.forkedFrom)
        #expect(inspected.iModelId == world.source)
        #expect(inspected.relationshipId == relationship)

        let another = try await world.copied(fork: true, into: world.otherITwin, name: "Fork 2")
        let otherRelationship =
            (try await world.createOperationJSON(another)["forkedFrom"] as? [String: Any])?[
                "relationshipId"] as? String
        #expect(otherRelationship != relationship)
    }

    @Test func aForkSquashesHistoryUnlessPreserveHistoryIsTrue() async throws {
        let world = SimulatorFixture.bridges(changesetCount: 4)
        let squashed = try await world.copied(fork: true, name: "Squashed")
        #expect(world.simulator.changesets(of: squashed).isEmpty)
        let preserved = try await world.copied(fork: true, name: "Preserved", extra: #","preserveHistory":true"#)
        #expect(world.simulator.changesets(of: preserved).map(\.index) == [1, 2, 3, 4])
        let partial = try await world.copied(
            fork: true, name: "Partial", extra: #","preserveHistory":true,"changesetIndex":2"#)
        #expect(world.simulator.changesets(of: partial).map(\.index) == [1, 2])
        let forkedFrom = try #require(try await world.createOperationJSON(partial)["forkedFrom"] as? [String: Any])
        #expect(forkedFrom["changesetId"] as? String == world.simulator.changesets(of: world.source)[1].id)
    }

    @Test func aForkOfAMainIModelMissingFederationGuidsEndsInMainIModelIsMissingFederationGuids() async throws {
        let world = SimulatorFixture.bridges(missingFederationGuids: true)
        #expect(world.simulator.isMissingFederationGuids(world.source))
        let fork = try await world.copied(fork: true, name: "Fork")
        #expect(try await world.states(fork) == ("notInitialized", "scheduled"))
        world.advance(toElapsed: 10)
        #expect(try await world.states(fork) == ("notInitialized", "mainIModelIsMissingFederationGuids"))
        #expect(world.simulator.createOperation(of: fork)?.state == .mainIModelIsMissingFederationGuids)

        // Clones are not affected.
        let clone = try await world.copied(name: "Clone")
        world.advance(toElapsed: 20)
        #expect(try await world.states(clone) == ("initialized", "successful"))
    }

    @Test func theOlderSpellingCanBeChosen() async throws {
        let world = SimulatorFixture.bridges(
            options: SimulatorOptions(missingFederationGuidsState: "sourceIsMissingFederationGuids"),
            missingFederationGuids: true)
        let fork = try await world.copied(fork: true, name: "Fork")
        world.advance(toElapsed: 10)
        #expect(try await world.states(fork) == ("notInitialized", "sourceIsMissingFederationGuids"))
    }

    @Test func aForkSucceedsOnceTheFlagIsCleared() async throws {
        let world = SimulatorFixture.bridges(missingFederationGuids: true)
        let failed = try await world.copied(fork: true, name: "Fork")
        world.advance(toElapsed: 10)
        #expect(try await world.states(failed).operation == "mainIModelIsMissingFederationGuids")

        world.simulator.setMissingFederationGuids(false, for: world.source)
        #expect(!world.simulator.isMissingFederationGuids(world.source))
        let retried = try await world.copied(fork: true, name: "Fork again")
        world.advance(toElapsed: 20)
        #expect(try await world.states(retried) == ("initialized", "successful"))
        // The failed fork keeps its end state.
        #expect(try await world.states(failed).operation == "mainIModelIsMissingFederationGuids")

        world.simulator.setMissingFederationGuids(true, for: world.source)
        let third = try await world.copied(fork: true, name: "Fork three")
        world.advance(toElapsed: 30)
        #expect(try await world.states(third).operation == "mainIModelIsMissingFederationGuids")
    }
}
