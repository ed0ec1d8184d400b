import Foundation
import IModelsClient
import IModelsTesting
import Testing

/// Where the simulator used to be kinder than the service (issue 19): each test states the documented behaviour and
/// its source. (Empty iModels that initialize in the background are in ``SimulatorCreationStateTests``.)
@Suite struct SimulatorFidelityTests {
    // MARK: 2. POST /imodels keeps and validates extent, containersEnabled and geographicCoordinateSystem

    /// The TypeScript client's integration tests create empty iModels with an extent, `containersEnabled` and a
    /// coordinate system and expect them back as sent (iTwin/imodels-clients,
    /// tests/imodels-clients-tests/src/integration/management/IModelOperations.test.ts, "should create an empty
    /// iModel with defined GCS").
    @Test func createIModelKeepsExtentContainersAndCoordinateSystem() async throws {
        let world = SimulatorWorld()
        let response = try await world.send(
            .post, "/imodels",
            json: #"""
                {"iTwinId":"\#(world.otherITwin)","name":"Placed","creationMode":"empty","containersEnabled":7,
                 "extent":{"southWest":{"latitude":1,"longitude":2},"northEast":{"latitude":3,"longitude":4}},
                 "geographicCoordinateSystem":{"horizontalCRSId":"EPSG:3857"}}
                """#)
        #expect(response.status == 201, "\(response.text)")
        let id = try #require((try response.object()["iModel"] as? [String: Any])?["id"] as? String)
        for model in [try #require(try response.object()["iModel"] as? [String: Any]), try await world.iModelJSON(id)] {
            #expect(model["containersEnabled"] as? Int == 7)
            let extent = try #require(model["extent"] as? [String: [String: Double]])
            #expect(extent["southWest"] == ["latitude": 1, "longitude": 2])
            #expect(extent["northEast"] == ["latitude": 3, "longitude": 4])
            #expect((model["geographicCoordinateSystem"] as? [String: String])?["horizontalCRSId"] == "EPSG:3857")
        }
        let inspected = try #require(world.simulator.iModel(id))
        #expect(inspected.containersEnabled == 7 && inspected.extent?.northEast.longitude == 4)
        #expect(inspected.geographicCoordinateSystem?.horizontalCRSId == "EPSG:3857")
    }

    /// A latitude out of range is refused with the service's words: 422 `InvalidiModelsRequest`, detail
    /// `InvalidValue` "Provided 'extent' value is not valid. Valid 'latitude' value range is -90 to 90." (iTwin/
    /// imodels-clients, tests/imodels-clients-tests/src/unit/IModelsErrorParser tests).
    @Test func aLatitudeOutOfRangeIs422WithTheServicesMessage() async throws {
        let world = SimulatorWorld()
        let response = try await world.send(
            .post, "/imodels",
            json: #"""
                {"iTwinId":"\#(world.iTwin)","name":"Off the map","creationMode":"empty",
                 "extent":{"southWest":{"latitude":100,"longitude":2},"northEast":{"latitude":3,"longitude":4}}}
                """#)
        #expect(response.status == 422)
        #expect(try response.errorCode() == "InvalidiModelsRequest")
        let detail = try #require((try response.error()["details"] as? [[String: Any]])?.first)
        #expect(detail["code"] as? String == "InvalidValue")
        #expect(detail["target"] as? String == "extent")
        #expect(
            detail["message"] as? String
                == "Provided 'extent' value is not valid. Valid 'latitude' value range is -90 to 90.")
        #expect(world.count(named: "Off the map") == 0)
    }

    /// Malformed extents, containers outside the documented bits (1 SchemaSync, 2 CodeStore, 4 ViewStore) and a
    /// coordinate system without `creationMode: "empty"` (which the TypeScript client refuses itself:
    /// clients/imodels-client-management/src/operations/imodel/IModelOperations.ts) are refused: the documentation
    /// does not say how, so the simulator takes the stricter side.
    @Test(arguments: [
        (#""extent":{"southWest":{"latitude":1,"longitude":2},"northEast":"nope"}"#, "extent"),
        (#""extent":{"southWest":{"latitude":1,"longitude":200},"northEast":{"latitude":3,"longitude":4}}"#, "extent"),
        (#""extent":{"southWest":{"latitude":1,"longitude":2}}"#, "extent"),
        (#""containersEnabled":8"#, "containersEnabled"),
        (#""containersEnabled":-1"#, "containersEnabled"),
        (#""geographicCoordinateSystem":{"horizontalCRSId":""}"#, "geographicCoordinateSystem"),
    ])
    func aBadIModelPropertyIs422InvalidValue(_ member: String, _ target: String) async throws {
        let world = SimulatorWorld()
        let response = try await world.send(
            .post, "/imodels",
            json: #"{"iTwinId":"\#(world.iTwin)","name":"Bad","creationMode":"empty",\#(member)}"#)
        #expect(response.status == 422, "\(response.text)")
        #expect(try response.detailCodes() == ["InvalidValue"])
        #expect(try response.detailTargets() == [target])
        #expect(world.count(named: "Bad") == 0)
    }

    @Test func aCoordinateSystemNeedsCreationModeEmpty() async throws {
        let world = SimulatorWorld()
        let response = try await world.send(
            .post, "/imodels",
            json:
                #"{"iTwinId":"\#(world.iTwin)","name":"Bad","geographicCoordinateSystem":{"horizontalCRSId":"EPSG:4326"}}"#
        )
        #expect(response.status == 422)
        #expect(try response.detailTargets() == ["geographicCoordinateSystem"])
    }

    // MARK: 3. Clone and fork keep containersEnabled

    /// The TypeScript integration tests clone and fork with `containersEnabled` SchemaSync | CodeStore | ViewStore
    /// (7) and expect the copy to report 7 (iTwin/imodels-clients,
    /// tests/imodels-clients-tests/src/integration/management/IModelOperations.test.ts, "should clone iModel (with
    /// non-empty changeset index specified)", "should fork iModel"). Without it the copy has none (0), the
    /// simulator's choice where the docs are silent.
    @Test(arguments: [false, true])
    func aCopyKeepsTheContainersItWasAskedFor(fork: Bool) async throws {
        let world = SimulatorWorld()
        let withContainers = try await world.copied(fork: fork, name: "With", extra: #","containersEnabled":7"#)
        let without = try await world.copied(fork: fork, name: "Without")
        #expect(try await world.iModelJSON(withContainers)["containersEnabled"] as? Int == 7)
        #expect(try await world.iModelJSON(without)["containersEnabled"] as? Int == 0)
        #expect(world.simulator.iModel(withContainers)?.containersEnabled == 7)
    }

    // MARK: 7. The service's wording for values that are too long

    /// A description over 255 characters: 422 `InvalidiModelsRequest` "Cannot create iModel." with the detail
    /// `InvalidValue` "Provided 'description' value is not valid. The value exceeds allowed 255 characters." and
    /// target `description` (iTwin/imodels-clients, tests/imodels-clients-tests/src/integration/management/
    /// IModelOperations.test.ts, "should return a detailed error when attempting to create iModel with invalid
    /// description").
    @Test func anOverlongDescriptionGetsTheServicesMessage() async throws {
        let world = SimulatorWorld()
        let long = String(repeating: "x", count: 256)
        let response = try await world.send(
            .post, "/imodels", json: #"{"iTwinId":"\#(world.iTwin)","name":"Long","description":"\#(long)"}"#)
        #expect(response.status == 422)
        let error = try response.error()
        #expect(error["code"] as? String == "InvalidiModelsRequest")
        #expect(error["message"] as? String == "Cannot create iModel.")
        let detail = try #require((error["details"] as? [[String: Any]])?.first)
        #expect(
            detail["message"] as? String
                == "Provided 'description' value is not valid. The value exceeds allowed 255 characters.")
        #expect(detail["target"] as? String == "description")
    }
}
