import Foundation
import IModelsClient
import IModelsTesting
import Testing

/// The faults that rewrite an answer's body (empty, oversized, unknown enum values, missing optional fields, extra
/// fields): what they change, and that the server still acts.
@Suite struct SimulatorBodyFaultTests {
    private func clone(_ world: SimulatorFixture<SimulatorSeeds>, name: String = "Copy") async throws
        -> SimulatorResponse
    {
        try await world.copy(#"{"iTwinId":"\#(world.iTwin)","name":"\#(name)"}"#)
    }

    /// Every JSON object in a parsed value, the value itself included, depth first.
    private func objects(in value: Any) -> [[String: Any]] {
        if let object = value as? [String: Any] { return [object] + object.values.flatMap(objects(in:)) }
        if let array = value as? [Any] { return array.flatMap(objects(in:)) }
        return []
    }

    /// Whether any object member in a parsed value is `null`.
    private func hasNullMember(_ value: Any) -> Bool {
        objects(in: value).contains { $0.values.contains { $0 is NSNull } }
    }

    /// An empty body keeps the normal status and headers, and the server still acts.
    @Test func emptyBodyKeepsTheStatusAndHeadersAndTheServerActs() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.inject(.emptyBody, on: .post, "/imodels")
        let created = try await world.send(.post, "/imodels", json: #"{"iTwinId":"\#(world.iTwin)","name":"Empty"}"#)
        #expect(created.status == 201)
        #expect(created.body.isEmpty)
        #expect(created.headers["Content-Type"]?.hasPrefix("application/json") == true)
        #expect(created.headers["Date"] != nil)
        #expect(world.count(named: "Empty") == 1)
        world.simulator.inject(.emptyBody, on: .get, "/imodels/*")
        let read = try await world.send(.get, "/imodels/\(world.source)")
        #expect(read.status == 200)
        #expect(read.body.isEmpty)
        #expect(world.simulator.requestLog.last?.fault == "empty body")
    }

    /// An oversized body is the normal answer, still valid JSON, grown to the size asked with a padding member.
    @Test func oversizedBodyIsTheNormalAnswerGrownToTheSizeAsked() async throws {
        let world = SimulatorFixture.bridges()
        let normal = try await world.iModelJSON(world.source)
        world.simulator.inject(.oversizedBody(), on: .get, "/imodels/*")
        let big = try await world.send(.get, "/imodels/\(world.source)")
        #expect(big.status == 200)
        #expect(big.body.count == 4 * 1024 * 1024)
        let object = try big.object()
        #expect((object["simulatorPadding"] as? String)?.allSatisfy { $0 == "x" } == true)
        let iModel = try #require(object["iModel"] as? [String: Any])
        #expect(iModel["id"] as? String == world.source)
        #expect(NSDictionary(dictionary: iModel) == NSDictionary(dictionary: normal))

        world.simulator.inject(.oversizedBody(bytes: 10_000), on: .get, "/imodels/*/operations/create")
        let sized = try await world.send(.get, "/imodels/\(world.source)/operations/create")
        #expect(sized.body.count == 10_000)
        #expect(try sized.object()["createOperation"] != nil)
    }

    /// An oversized body leaves an answer that is not a JSON object as it is, and the server still acts.
    @Test func oversizedBodyLeavesAnEmptyAnswerEmpty() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.inject(.oversizedBody(), on: .post, "/imodels/*/clone")
        let cloned = try await clone(world)
        #expect(cloned.status == 202)
        #expect(cloned.body.isEmpty)
        #expect(world.count(named: "Copy") == 1)
        #expect(world.simulator.requestLog.last?.fault == "oversized body (4194304 bytes)")
    }

    /// Unknown enum values replace every state, status and type string and nothing else.
    @Test func unknownEnumValuesReplaceStatesStatusesAndTypes() async throws {
        let world = SimulatorFixture.bridges()
        let id = try await world.copied(name: "Copy")
        world.simulator.inject(.unknownEnumValues, on: .get, "/imodels/**", times: 3)
        let operation = try await world.createOperationJSON(id)
        #expect(operation["state"] as? String == "futureState")
        #expect((operation["clonedFrom"] as? [String: Any])?["iModelId"] as? String == world.source)
        let iModel = try await world.iModelJSON(id)
        #expect(iModel["state"] as? String == "futureState")
        #expect(iModel["name"] as? String == "Copy")
        #expect(iModel["dataCenterLocation"] as? String == "East US")
        let changesets = try await world.send(.get, "/imodels/\(world.source)/changesets").items("changesets")
        #expect(changesets.count == 3)
        #expect(changesets.allSatisfy { $0["state"] as? String == "futureState" })

        let bench = SimulatorFixture.transformations()
        bench.simulator.inject(.unknownEnumValues, on: .post, "/transformations/configurations/*")
        let created = try await bench.send(
            .post, TransformationsSeeds.importPath, json: bench.configurationBody())
        #expect(created.status == 201)
        #expect(created.rawConfiguration?["transformType"] as? String == "futureTransformType")
        #expect(created.rawConfiguration?["transformName"] as? String == "Example name")
        let configurationId = try #require(bench.simulator.configurationIds.first)
        bench.simulator.inject(.unknownEnumValues, on: .post, "/transformations")
        let run = try await bench.startRun(configurationId)
        #expect(run.status == 201)
        #expect(run.transformation?.status.rawValue == "futureStatus")
        // The server acted: the run exists with its real status.
        #expect(bench.simulator.transformations(of: configurationId).map(\.status) == [.created])
    }

    /// Missing optional fields drops null members and the documented optional ones, and keeps the required ones.
    @Test func missingOptionalFieldsDropsNullAndOptionalMembers() async throws {
        let world = SimulatorFixture.bridges()
        let id = try await world.copied(name: "Copy")
        world.simulator.inject(.missingOptionalFields, on: .get, "/imodels/**", times: 4)
        let response = try await world.send(.get, "/imodels/\(world.source)")
        let iModel = try #require(try response.object()["iModel"] as? [String: Any])
        #expect(!hasNullMember(try response.object()))
        for name in ["description", "extent", "lastChangesetPushDateTime"] { #expect(iModel[name] == nil, "\(name)") }
        #expect((iModel["_links"] as? [String: Any])?["creator"] == nil)
        #expect((iModel["_links"] as? [String: Any])?["changesets"] != nil)
        for name in ["id", "name", "displayName", "state", "createdDateTime", "iTwinId"] {
            #expect(iModel[name] != nil, "\(name)")
        }
        let operation = try await world.createOperationJSON(id)
        #expect(operation["state"] as? String == "successful" || operation["state"] as? String == "scheduled")
        #expect(operation["clonedFrom"] == nil)
        #expect(operation["forkedFrom"] == nil)
        // A page keeps a `next` link that is not null, and loses the null `prev`.
        let page = try await world.send(.get, "/imodels/\(world.source)/changesets", query: [("$top", "1")])
        #expect(try page.link("next") != nil)
        #expect((try page.object()["_links"] as? [String: Any])?["prev"] == nil)
        #expect(try page.items("changesets").allSatisfy { $0["groupId"] == nil && $0["id"] != nil })
        // An error loses nothing it needs.
        let missing = try await world.send(.get, "/imodels/no-such-imodel")
        #expect(missing.status == 404)
        #expect(try missing.errorCode() == "iModelNotFound")

        let bench = SimulatorFixture.transformations()
        bench.simulator.inject(.missingOptionalFields, on: .post, "/transformations/configurations/*")
        let created = try await bench.send(.post, TransformationsSeeds.importPath, json: bench.configurationBody())
        #expect(created.status == 201)
        #expect(created.rawConfiguration?["comment"] == nil)
        #expect(created.rawConfiguration?["id"] != nil)
        #expect(created.rawConfiguration?["transformType"] as? String == "ImportIModel")
        #expect(bench.simulator.configurationIds.count == 1)
    }

    /// Extra fields adds undocumented members to every object at every level and changes nothing else.
    @Test func extraFieldsAddUnknownMembersToEveryObject() async throws {
        let world = SimulatorFixture.bridges()
        let normal = try await world.send(.get, "/imodels", query: [("iTwinId", world.iTwin)])
        world.simulator.inject(.extraFields, on: .get, "/imodels")
        let page = try await world.send(
            .get, "/imodels", query: [("iTwinId", world.iTwin)])
        let value = try page.object()
        let all = objects(in: value)
        // The page, its `_links`, its `self` link and each item (the added object and its nested one too).
        #expect(all.count > 4)
        let originals = all.filter { $0["deeper"] == nil && $0["nested"] == nil && !$0.isEmpty }
        #expect(
            originals.allSatisfy { $0["simulatorExtraField"] as? String != nil && $0["simulatorExtraObject"] != nil })
        let items = try page.items("iModels")
        #expect(ids(items) == ids(try normal.items("iModels")))
        #expect(items.first?["displayName"] as? String == "Bridge")
        #expect(world.simulator.requestLog.last?.fault == "extra fields")
    }

    /// The JSON rewrites leave an answer that is not JSON as it is, and the server still acts.
    @Test(arguments: [SimulatorFault.unknownEnumValues, .missingOptionalFields, .extraFields])
    func jsonRewritesLeaveAnEmptyAnswerAsItIs(_ fault: SimulatorFault) async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.inject(fault, on: .post, "/imodels/*/clone")
        let cloned = try await clone(world)
        #expect(cloned.status == 202)
        #expect(cloned.body.isEmpty)
        #expect(world.count(named: "Copy") == 1)
    }
}
