import Foundation
import IModelsClient
import IModelsTesting
import Testing

@Suite struct SimulatorCreationStateTests {
    @Test func aCloneIsInitializedBeforeItsOperationIsSuccessfulOverTheDefaultDurations() async throws {
        let world = SimulatorFixture.bridges()
        let id = try await world.copied(name: "Copy")
        #expect(try await world.states(id) == ("notInitialized", "scheduled"))
        world.advance(toElapsed: 3.9)
        #expect(try await world.states(id) == ("notInitialized", "scheduled"))
        world.advance(toElapsed: 4)
        #expect(try await world.states(id) == ("initialized", "scheduled"))
        world.advance(toElapsed: 9.9)
        #expect(try await world.states(id) == ("initialized", "scheduled"))
        world.advance(toElapsed: 10)
        #expect(try await world.states(id) == ("initialized", "successful"))
        world.advance(toElapsed: 10_000)
        #expect(try await world.states(id) == ("initialized", "successful"))
    }

    @Test func theConfiguredDurationsAreUsed() async throws {
        let world = SimulatorFixture.bridges(
            options: SimulatorOptions(initializationTime: .seconds(30), completionTime: .seconds(120)))
        world.advance(toElapsed: 5)
        let id = try await world.copied(name: "Copy")
        world.advance(toElapsed: 34.5)
        #expect(try await world.states(id) == ("notInitialized", "scheduled"))
        world.advance(toElapsed: 35)
        #expect(try await world.states(id) == ("initialized", "scheduled"))
        world.advance(toElapsed: 124.9)
        #expect(try await world.states(id) == ("initialized", "scheduled"))
        world.advance(toElapsed: 125)
        #expect(try await world.states(id) == ("initialized", "successful"))
    }

    @Test func aCompletionTimeShorterThanTheInitializationTimeIsRaisedToIt() {
        let options = SimulatorOptions(initializationTime: .seconds(20), completionTime: .seconds(5))
        #expect(options.completionTime == .seconds(20))
        #expect(SimulatorOptions(initializationTime: .seconds(-3)).initializationTime == .zero)
    }

    @Test func equalDurationsMakeBothMilestonesAtOnce() async throws {
        let world = SimulatorFixture.bridges(
            options: SimulatorOptions(initializationTime: .seconds(7), completionTime: .seconds(7)))
        let id = try await world.copied(name: "Copy")
        world.advance(toElapsed: 6.9)
        #expect(try await world.states(id) == ("notInitialized", "scheduled"))
        world.advance(toElapsed: 7)
        #expect(try await world.states(id) == ("initialized", "successful"))
    }

    @Test func aForkGoesThroughTheSameStates() async throws {
        let world = SimulatorFixture.bridges()
        let id = try await world.copied(fork: true, name: "Fork")
        #expect(try await world.states(id) == ("notInitialized", "scheduled"))
        world.advance(toElapsed: 4)
        #expect(try await world.states(id) == ("initialized", "scheduled"))
        world.advance(toElapsed: 10)
        #expect(try await world.states(id) == ("initialized", "successful"))
    }

    @Test func setCopiesFailEndsClonesAndForksInFailedAndNeverInitialized() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.setCopiesFail(from: world.source)
        let clone = try await world.copied(name: "Clone")
        let fork = try await world.copied(fork: true, name: "Fork")
        world.advance(toElapsed: 9.9)
        #expect(try await world.states(clone) == ("notInitialized", "scheduled"))
        world.advance(toElapsed: 10)
        #expect(try await world.states(clone) == ("notInitialized", "failed"))
        #expect(try await world.states(fork) == ("notInitialized", "failed"))
        world.advance(toElapsed: 1_000)
        #expect(try await world.states(clone) == ("notInitialized", "failed"))

        world.simulator.setCopiesFail(false, from: world.source)
        let later = try await world.copied(name: "Later")
        world.advance(toElapsed: 1_010)
        #expect(try await world.states(later) == ("initialized", "successful"))
    }

    @Test func setCopiesFailOnlyAffectsThatSource() async throws {
        let world = SimulatorFixture.bridges()
        let other = world.simulator.addIModel(SimulatorIModelSeed(iTwinId: world.iTwin, name: "Other"))
        world.simulator.setCopiesFail(from: other)
        let id = try await world.copied(name: "Copy")
        world.advance(toElapsed: 10)
        #expect(try await world.states(id) == ("initialized", "successful"))
    }

    @Test func the202CarriesLocationAndCreateIModelOperationOnTheRequestsOrigin() async throws {
        for origin in [productionOrigin, "https://qa-api.bentley.com", "http://127.0.0.1:8080", "http://[::1]:8080"] {
            let world = SimulatorFixture.bridges()
            let response = try await world.send(
                .post, "/imodels/\(world.source)/clone", json: #"{"iTwinId":"\#(world.iTwin)","name":"Copy"}"#,
                origin: origin)
            #expect(response.status == 202)
            #expect(response.body.isEmpty)
            let created = try #require(world.simulator.iModels(in: world.iTwin).last)
            #expect(created.name == "Copy")
            #expect(created.id != world.source)
            #expect(response.headers["Location"] == "\(origin)/imodels/\(created.id)")
            #expect(response.headers["Create-iModel-Operation"] == "\(origin)/imodels/\(created.id)/operations/create")
        }
    }

    @Test func theCreateOperationURLAnswersTheOperation() async throws {
        let world = SimulatorFixture.bridges()
        let response = try await world.copy(#"{"iTwinId":"\#(world.iTwin)","name":"Copy"}"#)
        let url = try #require(response.headers["Create-iModel-Operation"].flatMap(URL.init(string:)))
        let operation = try await world.send(.get, url: url)
        #expect(operation.status == 200)
        let state = (try operation.object()["createOperation"] as? [String: Any])?["state"] as? String
        #expect(state == "scheduled")
        let location = try #require(response.headers["Location"].flatMap(URL.init(string:)))
        let model = try await world.send(.get, url: location)
        #expect((try model.object()["iModel"] as? [String: Any])?["name"] as? String == "Copy")
    }

    /// "Create an empty iModel: provide `empty` creation mode" is asynchronous: the 201 may say `notInitialized`
    /// (Bentley's TypeScript client's `createEmpty` polls the create operation when it does;
    /// iTwin/imodels-clients, clients/imodels-client-management/src/operations/imodel/IModelOperations.ts), so the
    /// simulator makes it wait 5 s by default.
    /// https://developer.bentley.com/apis/imodels-v2/operations/create-imodel/
    @Test func anEmptyIModelAnswers201NotInitializedAndInitializesInTheBackground() async throws {
        let world = SimulatorFixture.bridges()
        let response = try await world.send(
            .post, "/imodels",
            json:
                #"{"iTwinId":"\#(world.otherITwin)","name":"Empty","description":"Nothing yet","creationMode":"empty"}"#
        )
        #expect(response.status == 201)
        let model = try #require(try response.object()["iModel"] as? [String: Any])
        let id = try #require(model["id"] as? String)
        #expect(model["name"] as? String == "Empty")
        #expect(model["displayName"] as? String == "Empty")
        #expect(model["description"] as? String == "Nothing yet")
        #expect(model["iTwinId"] as? String == world.otherITwin)
        #expect(model["state"] as? String == "notInitialized")
        #expect(model["lastChangesetPushDateTime"] is NSNull)
        let operation = try await world.createOperationJSON(id)
        #expect(operation["state"] as? String == "scheduled")
        #expect(operation["clonedFrom"] is NSNull)
        #expect(operation["forkedFrom"] is NSNull)
        world.advance(toElapsed: 4.9)
        #expect(try await world.states(id) == ("notInitialized", "scheduled"))
        world.advance(toElapsed: 5)
        #expect(try await world.states(id) == ("initialized", "successful"))
        #expect(world.simulator.changesets(of: id).isEmpty)
        #expect(world.simulator.iModels(in: world.otherITwin).map(\.id) == [id])
    }

    /// Without `creationMode` the service creates the deprecated "empty instantly initialized" iModel (the iModels
    /// changelog, 2025-02-27: "Empty instantly initialized iModel creation is deprecated"):
    /// https://developer.bentley.com/apis/imodels-v2/changelog/
    @Test func withoutCreationModeTheEmptyIModelIsInitializedAtOnce() async throws {
        let world = SimulatorFixture.bridges()
        let response = try await world.send(.post, "/imodels", json: #"{"iTwinId":"\#(world.iTwin)","name":"Empty"}"#)
        #expect(response.status == 201)
        let model = try #require(try response.object()["iModel"] as? [String: Any])
        #expect(model["state"] as? String == "initialized")
        let id = try #require(model["id"] as? String)
        #expect(try await world.states(id) == ("initialized", "successful"))
    }

    @Test func anEmptyIModelsInitializationTimeIsConfigurable() async throws {
        let world = SimulatorFixture.bridges(options: SimulatorOptions(emptyIModelInitializationTime: .seconds(30)))
        let response = try await world.send(
            .post, "/imodels", json: #"{"iTwinId":"\#(world.iTwin)","name":"Empty","creationMode":"empty"}"#)
        #expect(response.status == 201)
        let model = try #require(try response.object()["iModel"] as? [String: Any])
        #expect(model["state"] as? String == "notInitialized")
        let id = try #require(model["id"] as? String)
        world.advance(toElapsed: 29)
        #expect(try await world.states(id) == ("notInitialized", "scheduled"))
        world.advance(toElapsed: 30)
        #expect(try await world.states(id) == ("initialized", "successful"))
    }

    @Test func anEmptyIModelNameMustBeFreeInItsITwin() async throws {
        let world = SimulatorFixture.bridges()
        let response = try await world.send(.post, "/imodels", json: #"{"iTwinId":"\#(world.iTwin)","name":"Bridge"}"#)
        #expect(response.status == 409)
        #expect(try response.errorCode() == "iModelExists")
        let elsewhere = try await world.send(
            .post, "/imodels", json: #"{"iTwinId":"\#(world.otherITwin)","name":"Bridge"}"#)
        #expect(elsewhere.status == 201)
    }

    @Test func creatingInAnUnknownITwinIs404ITwinNotFound() async throws {
        let world = SimulatorFixture.bridges()
        let response = try await world.send(.post, "/imodels", json: #"{"iTwinId":"nowhere","name":"Empty"}"#)
        #expect(response.status == 404)
        #expect(try response.errorCode() == "iTwinNotFound")
    }
}
