import Foundation
import IModelsClient
import IModelsTesting
import Testing

/// The simulator's Update iModel (`PATCH /imodels/{id}`), Get iModel Permissions and the list's `state` filter and
/// full representation, as raw requests.
@Suite struct SimulatorIModelManagementTests {
    private func firstDetail(_ response: SimulatorResponse) throws -> [String: Any] {
        let details = try #require(try response.error()["details"] as? [[String: Any]])
        return try #require(details.first)
    }

    @Test func updateChangesTheGivenFieldsAndAnswersTheIModel() async throws {
        let world = SimulatorFixture.bridges()
        let response = try await world.send(
            .patch, "/imodels/\(world.source)", json: #"{"name":"Bridge v2","description":"Renamed"}"#)
        #expect(response.status == 200, "\(response.text)")
        let model = try #require(try response.object()["iModel"] as? [String: Any])
        #expect(model["name"] as? String == "Bridge v2" && model["displayName"] as? String == "Bridge v2")
        #expect(model["description"] as? String == "Renamed")
        #expect(model["extent"] is [String: Any], "the extent was not sent, so it stays")
        #expect(world.simulator.iModel(world.source)?.name == "Bridge v2")
    }

    @Test func updateSetsAndClearsTheExtentAndDescription() async throws {
        let world = SimulatorFixture.bridges()
        let extent = #"{"southWest":{"latitude":-10,"longitude":-20},"northEast":{"latitude":10,"longitude":20}}"#
        let set = try await world.send(.patch, "/imodels/\(world.source)", json: #"{"extent":\#(extent)}"#)
        #expect(set.status == 200)
        #expect(
            world.simulator.iModel(world.source)?.extent
                == IModelExtent(
                    southWest: .init(latitude: -10, longitude: -20), northEast: .init(latitude: 10, longitude: 20)))
        let cleared = try await world.send(
            .patch, "/imodels/\(world.source)", json: #"{"extent":null,"description":""}"#)
        #expect(cleared.status == 200)
        #expect(world.simulator.iModel(world.source)?.extent == nil)
        #expect(world.simulator.iModel(world.source)?.description == nil)
        #expect(world.simulator.iModel(world.source)?.name == "Bridge")
    }

    static let badBodies: [(String, String, String?)] = [
        ("{}", "InvalidRequestBody", nil),
        (#"{"name":"X","state":"initialized"}"#, "InvalidRequestBody", "state"),
        (#"{"name":null}"#, "InvalidValue", "name"),
        (#"{"name":"  "}"#, "InvalidValue", "name"),
        (#"{"name":7}"#, "InvalidValue", "name"),
        (#"{"description":"\#(String(repeating: "d", count: 256))"}"#, "InvalidValue", "description"),
        (
            #"{"extent":{"southWest":{"latitude":-91,"longitude":0},"northEast":{"latitude":0,"longitude":0}}}"#,
            "InvalidValue", "extent"
        ),
        (#"{"extent":{"southWest":{"latitude":0,"longitude":0}}}"#, "InvalidValue", "extent"),
    ]

    @Test(arguments: badBodies)
    func badBodiesAre422(_ json: String, _ code: String, _ target: String?) async throws {
        let world = SimulatorFixture.bridges()
        let response = try await world.send(.patch, "/imodels/\(world.source)", json: json)
        #expect(response.status == 422, "\(response.text)")
        #expect(try response.errorCode() == "InvalidiModelsRequest")
        let detail = try firstDetail(response)
        #expect(detail["code"] as? String == code)
        #expect(detail["target"] as? String == target)
        #expect(world.simulator.iModel(world.source)?.name == "Bridge", "nothing changed")
    }

    @Test func aMissingBodyIs422MissingRequestBody() async throws {
        let world = SimulatorFixture.bridges()
        let response = try await world.send(.patch, "/imodels/\(world.source)")
        #expect(response.status == 422)
        #expect(try firstDetail(response)["code"] as? String == "MissingRequestBody")
    }

    @Test func anotherIModelsNameIs409IgnoringCaseButItsOwnNameIsAccepted() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.addIModel(SimulatorIModelSeed(iTwinId: world.iTwin, name: "Pier"))
        let taken = try await world.send(.patch, "/imodels/\(world.source)", json: #"{"name":"PIER"}"#)
        #expect(taken.status == 409)
        #expect(try taken.errorCode() == "iModelExists")
        let own = try await world.send(.patch, "/imodels/\(world.source)", json: #"{"name":"Bridge"}"#)
        #expect(own.status == 200, "a resent rename must succeed")
        let inOtherITwin = world.simulator.addIModel(SimulatorIModelSeed(iTwinId: world.otherITwin, name: "Other"))
        let elsewhere = try await world.send(.patch, "/imodels/\(inOtherITwin)", json: #"{"name":"Pier"}"#)
        #expect(elsewhere.status == 200, "names are unique per iTwin only")
    }

    @Test func updateNeedsManageAndAnExistingInitializedIModel() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.addAccessToken("viewer", permissions: [.webView, .read, .write])
        let refused = try await world.send(
            .patch, "/imodels/\(world.source)", json: #"{"name":"X"}"#, token: "viewer")
        #expect(refused.status == 403)
        #expect(try refused.errorCode() == "InsufficientPermissions")
        let missing = try await world.send(.patch, "/imodels/nope", json: #"{"name":"X"}"#)
        #expect(missing.status == 404)
        #expect(try missing.errorCode() == "iModelNotFound")
        let pending = try await world.copied(into: world.otherITwin, name: "Pending")
        let notReady = try await world.send(.patch, "/imodels/\(pending)", json: #"{"name":"X"}"#)
        #expect(notReady.status == 409)
        #expect(try notReady.errorCode() == "iModelIsNotInitialized")
    }

    @Test func permissionsAreTheTokensInTheIModelsITwinSorted() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.addAccessToken("partial", permissions: [])
        world.simulator.setPermissions([.write, .webView, .read], for: "partial", in: world.iTwin)
        let response = try await world.send(.get, "/imodels/\(world.source)/permissions", token: "partial")
        #expect(response.status == 200)
        #expect(
            try response.object()["permissions"] as? [String] == ["imodels_read", "imodels_webview", "imodels_write"])
        let all = try await world.send(.get, "/imodels/\(world.source)/permissions")
        #expect(
            try all.object()["permissions"] as? [String]
                == ["imodels_delete", "imodels_manage", "imodels_read", "imodels_webview", "imodels_write"])
    }

    @Test func permissionsNeedWebViewAndAnExistingIModel() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.addAccessToken("reader", permissions: [.read])
        let refused = try await world.send(.get, "/imodels/\(world.source)/permissions", token: "reader")
        #expect(refused.status == 403)
        let missing = try await world.send(.get, "/imodels/nope/permissions")
        #expect(missing.status == 404)
        #expect(try missing.errorCode() == "iModelNotFound")
    }

    @Test func theStateFilterKeepsIModelsInThatStateInFull() async throws {
        let world = SimulatorFixture.bridges()
        let pending = try await world.copied(into: world.iTwin, name: "Pending")
        let notReady = try await world.send(
            .get, "/imodels", query: [("iTwinId", world.iTwin), ("state", "notInitialized")],
            headers: ["Prefer": "return=representation"])
        #expect(notReady.status == 200)
        let items = try #require(try notReady.object()["iModels"] as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == [pending])
        #expect(items.first?["state"] as? String == "notInitialized")
        #expect(items.first?["createdDateTime"] is String, "the representation is the full iModel")
        let ready = try await world.send(.get, "/imodels", query: [("iTwinId", world.iTwin), ("state", "initialized")])
        let readyItems = try #require(try ready.object()["iModels"] as? [[String: Any]])
        #expect(readyItems.map { $0["id"] as? String } == [world.source])
        #expect(readyItems.first?.keys.sorted() == ["displayName", "id"], "minimal without Prefer")
    }
}
