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
        let world = SimulatorFixture.bridges()
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
        let world = SimulatorFixture.bridges()
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
        let world = SimulatorFixture.bridges()
        let response = try await world.send(
            .post, "/imodels",
            json: #"{"iTwinId":"\#(world.iTwin)","name":"Bad","creationMode":"empty",\#(member)}"#)
        #expect(response.status == 422, "\(response.text)")
        #expect(try response.detailCodes() == ["InvalidValue"])
        #expect(try response.detailTargets() == [target])
        #expect(world.count(named: "Bad") == 0)
    }

    @Test func aCoordinateSystemNeedsCreationModeEmpty() async throws {
        let world = SimulatorFixture.bridges()
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
        let world = SimulatorFixture.bridges()
        let withContainers = try await world.copied(fork: fork, name: "With", extra: #","containersEnabled":7"#)
        let without = try await world.copied(fork: fork, name: "Without")
        #expect(try await world.iModelJSON(withContainers)["containersEnabled"] as? Int == 7)
        #expect(try await world.iModelJSON(without)["containersEnabled"] as? Int == 0)
        #expect(world.simulator.iModel(withContainers)?.containersEnabled == 7)
    }

    // MARK: 4. Transformation lists answer the minimal shape unless asked for the representation

    /// "To get full transformation entities in a list set prefer header to return=representation", and minimal is
    /// the platform's default (https://developer.bentley.com/apis/transformations/operations/get-all-transformations/).
    /// The page does not show the minimal run; the simulator answers only `id`.
    @Test func aRunListIsMinimalUnlessTheRepresentationIsAskedFor() async throws {
        let bench = SimulatorFixture.transformations()
        let configuration = try await bench.createConfiguration()
        let run = try await bench.run(configuration)
        let minimal = try await bench.send(.get, "/transformations/?configurationId=\(configuration)")
        #expect(minimal.status == 200)
        let minimalItems = try #require(minimal.object?["transformations"] as? [[String: Any]])
        #expect(minimalItems.map { Set($0.keys) } == [["id"]])
        #expect(minimalItems.first?["id"] as? String == run.id)
        let full = try await bench.send(
            .get, "/transformations/?configurationId=\(configuration)", headers: ["Prefer": "return=representation"])
        let fullItems = try #require(full.object?["transformations"] as? [[String: Any]])
        #expect(fullItems.first?["status"] as? String == "Created")
        #expect(fullItems.first?["totalElementCount"] != nil && fullItems.first?["_links"] != nil)
    }

    // MARK: 5. A single changeset and the representation list are full changesets

    /// Get Changeset details answers the full changeset, with `application`, `synchronizationInfo` and the
    /// `namedVersion`, `currentOrPrecedingCheckpoint` and `download` links; `download` is null for a caller with only
    /// `imodels_webview` (https://developer.bentley.com/apis/imodels-v2/operations/get-imodel-changeset-details; the
    /// TypeScript client's `Changeset`, clients/imodels-client-management/src/base/types/apiEntities/
    /// ChangesetInterfaces.ts).
    @Test func aSingleChangesetIsTheFullRepresentation() async throws {
        let world = SimulatorFixture.bridges()
        let response = try await world.send(.get, "/imodels/\(world.source)/changesets/2")
        #expect(response.status == 200)
        let changeset = try #require(try response.object()["changeset"] as? [String: Any])
        let application = try #require(changeset["application"] as? [String: String])
        #expect(application["id"]?.isEmpty == false && application["name"]?.isEmpty == false)
        #expect(changeset.keys.contains("synchronizationInfo"))
        let links = try #require(changeset["_links"] as? [String: Any])
        #expect(links.keys.contains("namedVersion") && links.keys.contains("currentOrPrecedingCheckpoint"))
        let download = try #require(links["download"] as? [String: String])
        #expect(download["storageType"] == "azure")
        let href = try #require(download["href"].flatMap(URL.init(string:)))
        #expect(href.scheme == "https" && href.host != "api.bentley.com", "storage is on another origin")

        world.simulator.setPermissions([.webView], for: simulatorToken, in: world.iTwin)
        let viewer = try await world.send(.get, "/imodels/\(world.source)/changesets/2")
        let viewerLinks = try #require(
            (try viewer.object()["changeset"] as? [String: Any])?["_links"] as? [String: Any])
        #expect(viewerLinks["download"] is NSNull)
    }

    /// Get iModel Changesets: "return=minimal … is the default preference"; `return=representation` gives the full
    /// changesets (https://developer.bentley.com/apis/imodels-v2/operations/get-imodel-changesets).
    @Test func theChangesetListIsMinimalUnlessTheRepresentationIsAskedFor() async throws {
        let world = SimulatorFixture.bridges()
        let minimal = try await world.send(.get, "/imodels/\(world.source)/changesets")
        for item in try minimal.items("changesets") {
            #expect(item["application"] == nil && item["synchronizationInfo"] == nil)
            #expect(Set(((item["_links"] as? [String: Any]) ?? [:]).keys) == ["self", "creator"])
        }
        let full = try await world.send(
            .get, "/imodels/\(world.source)/changesets", headers: ["Prefer": "return=representation"])
        let items = try full.items("changesets")
        #expect(items.count == 3)
        for item in items {
            #expect(item["application"] is [String: Any])
            #expect((item["_links"] as? [String: Any])?["download"] is [String: Any])
        }
    }

    // MARK: 6. No clone or fork of a source that is not initialized

    /// The documentation does not say what a copy of an iModel that is still being created, or whose creation failed,
    /// does; the simulator refuses it with `409 iModelIsNotInitialized` (its own choice, the stricter side) and
    /// creates nothing.
    @Test(arguments: [false, true])
    func aSourceThatIsNotInitializedCannotBeCopied(fork: Bool) async throws {
        let world = SimulatorFixture.bridges()
        let pending = try await world.copied(name: "Pending")
        let refused = try await world.copy(
            fork: fork, #"{"iTwinId":"\#(world.otherITwin)","name":"Copy of pending"}"#, from: pending)
        #expect(refused.status == 409)
        #expect(try refused.errorCode() == "iModelIsNotInitialized")

        world.simulator.setCopiesFail(from: world.source)
        let failing = try await world.copied(name: "Failing")
        world.advance(toElapsed: 3600)
        #expect(try await world.states(failing) == ("notInitialized", "failed"))
        let fromFailed = try await world.copy(
            fork: fork, #"{"iTwinId":"\#(world.otherITwin)","name":"Copy of failed"}"#, from: failing)
        #expect(fromFailed.status == 409)
        #expect(world.simulator.iModels(in: world.otherITwin).isEmpty)

        // Once initialized, the pending clone can be copied.
        let accepted = try await world.copy(
            fork: fork, #"{"iTwinId":"\#(world.otherITwin)","name":"Copy of pending"}"#, from: pending)
        #expect(accepted.status == 202)
    }

    // MARK: 7. Messages, codes and links that tests assert

    /// The 401 for an invalid token carries the message the TypeScript integration tests expect from the service:
    /// "Access denied due to invalid access_token. Make sure that issuer is correct, the token is not expired and is
    /// not corrupted." (tests/imodels-clients-tests/src/integration/management/IModelOperations.test.ts).
    @Test func anInvalidTokenGetsTheServicesMessage() async throws {
        let world = SimulatorFixture.bridges()
        let response = try await world.send(.get, "/imodels/\(world.source)", token: "invalid token")
        #expect(response.status == 401)
        #expect(
            try response.object()["message"] as? String
                == "Access denied due to invalid access_token. Make sure that issuer is correct, the token is not "
                + "expired and is not corrupted.")
    }

    /// A description over 255 characters: 422 `InvalidiModelsRequest` "Cannot create iModel." with the detail
    /// `InvalidValue` "Provided 'description' value is not valid. The value exceeds allowed 255 characters." and
    /// target `description` (iTwin/imodels-clients, tests/imodels-clients-tests/src/integration/management/
    /// IModelOperations.test.ts, "should return a detailed error when attempting to create iModel with invalid
    /// description").
    @Test func anOverlongDescriptionGetsTheServicesMessage() async throws {
        let world = SimulatorFixture.bridges()
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

    /// `_links.creator` points at the iModels API's user, `…/imodels/{id}/users/{userId}`, and `creatorId` is a GUID
    /// (the Get iModel details and Get Changeset details examples:
    /// https://developer.bentley.com/apis/imodels-v2/operations/get-imodel-details/ and
    /// Tests/IModelsClientTests/Fixtures/imodel-details-200.json, changeset-details-200.json).
    @Test func creatorsAreIModelsUsersWithGUIDs() async throws {
        let world = SimulatorFixture.bridges()
        let model = try await world.iModelJSON(world.source)
        let creator = try #require(
            ((model["_links"] as? [String: Any])?["creator"] as? [String: String])?["href"])
        let changeset = try #require(
            try await world.send(.get, "/imodels/\(world.source)/changesets/1").object()["changeset"]
                as? [String: Any])
        let creatorId = try #require(changeset["creatorId"] as? String)
        #expect(UUID(uuidString: creatorId) != nil)
        #expect(creator == "\(productionOrigin)/imodels/\(world.source)/users/\(creatorId)")
        let changesetCreator = try #require(
            ((changeset["_links"] as? [String: Any])?["creator"] as? [String: String])?["href"])
        #expect(changesetCreator == creator)
    }

    // MARK: 8. The Trial tier's hourly cap

    /// "In addition to a rate limit, Community [Trial] subscriptions also have a cap of 5000 calls per hour"
    /// (https://developer.bentley.com/apis/overview/rate-limits): 500 calls a minute for ten minutes reach it, and
    /// the next call waits until the first of them is an hour old.
    @Test func theTrialTierCapsCallsAtFiveThousandAnHour() async throws {
        let world = SimulatorFixture.bridges(options: SimulatorOptions(tier: .trial))
        #expect(SimulatorTier.trial.platformPerHour == 5_000)
        for minute in 0..<10 {
            world.advance(toElapsed: Double(minute) * 60)
            for _ in 0..<500 {
                let status = try await world.send(.get, "/imodels/\(world.source)").status
                if status != 200 {
                    Issue.record("minute \(minute): \(status)")
                    return
                }
            }
        }
        world.advance(toElapsed: 600)
        let capped = try await world.send(.get, "/imodels/\(world.source)")
        #expect(capped.status == 429)
        #expect(capped.headers["Retry-After"] == "3000")
        #expect(capped.headers["ITwinPlatform-RateLimited-Tier"] == "Trial")
        #expect(capped.headers["ITwinPlatform-RateLimited-Operation"] == "*")
        world.advance(toElapsed: 3600)
        #expect(try await world.send(.get, "/imodels/\(world.source)").status == 200)
    }

    @Test func aPaidTierHasNoHourlyCap() {
        #expect(SimulatorTier.paid.platformPerHour == nil)
        #expect(SimulatorTier.unlimited.platformPerHour == nil)
    }

    // MARK: 9. Continuation tokens are stable when iModels are created or deleted between pages

    /// The token is opaque and must be sent back as received (the iModels changelog, 2025-03-18, and
    /// `$continuationToken` on https://developer.bentley.com/apis/imodels-v2/operations/get-itwin-imodels/); the
    /// simulator makes it an id cursor so that paging code meets the harder case: items created or deleted between
    /// two pages shift nothing.
    @Test func aPageAfterAnInsertOrADeleteNeitherRepeatsNorSkips() async throws {
        let world = SimulatorFixture.bridges()
        var names: [String] = []
        for letter in ["B", "D", "F", "H"] {
            _ = try await world.copied(name: letter)
            names.append(letter)
        }
        let query = [("iTwinId", world.iTwin), ("$top", "2"), ("$orderBy", "name asc")]
        let first = try await world.send(.get, "/imodels", query: query)
        let firstNames = try first.items("iModels").compactMap { $0["displayName"] as? String }
        #expect(firstNames == ["B", "Bridge"])
        // An iModel that sorts before the page already read, and the deletion of one already read.
        _ = try await world.copied(name: "A")
        let deleted = try #require(world.simulator.iModels(in: world.iTwin).first { $0.name == "B" })
        #expect(try await world.send(.delete, "/imodels/\(deleted.id)").status == 204)
        let second = try await world.send(.get, url: try #require(try first.link("next")))
        #expect(try second.items("iModels").compactMap { $0["displayName"] as? String } == ["D", "F"])
        let third = try await world.send(.get, url: try #require(try second.link("next")))
        #expect(try third.items("iModels").compactMap { $0["displayName"] as? String } == ["H"])
        #expect(try third.link("next") == nil)
    }

    @Test func aPageWhoseLastItemWasDeletedContinuesFromItsPlace() async throws {
        let world = SimulatorFixture.bridges()
        for name in ["C1", "C2", "C3"] { _ = try await world.copied(name: name) }
        let first = try await world.send(.get, "/imodels", query: [("iTwinId", world.iTwin), ("$top", "2")])
        let firstIds = ids(try first.items("iModels"))
        #expect(try await world.send(.delete, "/imodels/\(firstIds[1])").status == 204)
        let second = try await world.send(.get, url: try #require(try first.link("next")))
        let all = world.simulator.iModels(in: world.iTwin).map(\.id)
        #expect(ids(try second.items("iModels")) == Array(all[1...2]))
    }

    @Test(arguments: ["not-a-token", "sim-2", "sim-zz.1", "sim-61.-1"])
    func aForgedContinuationTokenIs422(_ token: String) async throws {
        let world = SimulatorFixture.bridges()
        let response = try await world.send(
            .get, "/imodels", query: [("iTwinId", world.iTwin), ("$continuationToken", token)])
        #expect(response.status == 422)
        #expect(try response.detailTargets() == ["$continuationToken"])
    }
}
