import Foundation
import IModelsClient
import IModelsTesting
import Testing

@Suite struct SimulatorValidationTests {
    @Test(arguments: [
        nil, "application/json", "application/vnd.bentley.itwin-platform.v1+json",
        "application/vnd.bentley.itwin-platform.v3+json",
    ])
    func aMissingOrWrongAcceptIs400InvalidHeaderValue(_ accept: String?) async throws {
        let world = SimulatorFixture.bridges()
        let response = try await world.send(.get, "/imodels/\(world.source)", accept: accept)
        #expect(response.status == 400)
        #expect(try response.errorCode() == "InvalidHeaderValue")
        #expect(try response.error()["target"] as? String == "Accept")
    }

    @Test func aCloneWithAWrongAcceptActsOnNothing() async throws {
        let world = SimulatorFixture.bridges()
        let response = try await world.send(
            .post, "/imodels/\(world.source)/clone", json: #"{"iTwinId":"\#(world.iTwin)","name":"Copy"}"#,
            accept: "application/json")
        #expect(response.status == 400)
        #expect(world.simulator.iModels().count == 1)
    }

    @Test(arguments: [
        "application/vnd.bentley.itwin-platform.v2+json",
        "APPLICATION/VND.BENTLEY.ITWIN-PLATFORM.V2+JSON",
        "application/json, application/vnd.bentley.itwin-platform.v2+json",
        "application/vnd.bentley.itwin-platform.v2+json; charset=utf-8",
    ])
    func theV2AcceptIsRecognised(_ accept: String) async throws {
        let world = SimulatorFixture.bridges()
        #expect(try await world.send(.get, "/imodels/\(world.source)", accept: accept).status == 200)
    }

    @Test func withoutRequiresAcceptHeaderAMissingAcceptIsAccepted() async throws {
        let world = SimulatorFixture.bridges(options: SimulatorOptions(requiresAcceptHeader: false))
        #expect(try await world.send(.get, "/imodels/\(world.source)", accept: nil).status == 200)
        let clone = try await world.send(
            .post, "/imodels/\(world.source)/clone", json: #"{"iTwinId":"\#(world.iTwin)","name":"Copy"}"#,
            accept: nil)
        #expect(clone.status == 202)
        // An explicit other version is still refused.
        let wrong = try await world.send(
            .get, "/imodels/\(world.source)", accept: "application/vnd.bentley.itwin-platform.v1+json")
        #expect(wrong.status == 400)
    }

    @Test(arguments: [#"{"iTwinId": "#, "not json", #"["iTwinId"]"#, "42", #""text""#, "null"])
    func aBodyThatIsNotAJSONObjectIs422(_ body: String) async throws {
        let world = SimulatorFixture.bridges()
        let response = try await world.copy(body)
        #expect(response.status == 422)
        #expect(try response.errorCode() == "InvalidiModelsRequest")
        #expect(try response.detailCodes() == ["InvalidRequestBody"])
        #expect(world.simulator.iModels().count == 1)
    }

    @Test func aMissingBodyIs422MissingRequestBody() async throws {
        let world = SimulatorFixture.bridges()
        let clone = try await world.send(.post, "/imodels/\(world.source)/clone")
        #expect(clone.status == 422)
        #expect(try clone.detailCodes() == ["MissingRequestBody"])
        let create = try await world.send(.post, "/imodels")
        #expect(create.status == 422)
        #expect(try create.detailCodes() == ["MissingRequestBody"])
    }

    @Test(arguments: [false, true])
    func anUnknownPropertyIs422NamingIt(_ fork: Bool) async throws {
        let world = SimulatorFixture.bridges()
        let response = try await world.copy(
            fork: fork, #"{"iTwinId":"\#(world.iTwin)","name":"Copy","colour":"blue"}"#)
        #expect(response.status == 422)
        #expect(try response.errorCode() == "InvalidiModelsRequest")
        #expect(try response.detailCodes() == ["InvalidRequestBody"])
        #expect(try response.detailTargets() == ["colour"])
        #expect(world.simulator.iModels().count == 1)
    }

    @Test func preserveHistoryIsAForkPropertyOnly() async throws {
        let world = SimulatorFixture.bridges()
        let clone = try await world.copy(#"{"iTwinId":"\#(world.iTwin)","name":"Copy","preserveHistory":true}"#)
        #expect(clone.status == 422)
        #expect(try clone.detailTargets() == ["preserveHistory"])
        let fork = try await world.copy(
            fork: true, #"{"iTwinId":"\#(world.iTwin)","name":"Fork","preserveHistory":true}"#)
        #expect(fork.status == 202)
    }

    @Test func aMissingITwinIdIs422MissingRequiredProperty() async throws {
        let world = SimulatorFixture.bridges()
        for body in [#"{"name":"Copy"}"#, #"{"iTwinId":"  ","name":"Copy"}"#, #"{"iTwinId":null}"#] {
            let response = try await world.copy(body)
            #expect(response.status == 422)
            #expect(try response.detailCodes() == ["MissingRequiredProperty"])
            #expect(try response.detailTargets() == ["iTwinId"])
        }
    }

    @Test(arguments: [
        (#""name":"   ""#, "name"), (#""name":7"#, "name"),
        ("\"name\":\"\(String(repeating: "n", count: 256))\"", "name"),
        ("\"description\":\"\(String(repeating: "d", count: 256))\"", "description"),
        (#""changesetIndex":"2""#, "changesetIndex"), (#""changesetIndex":-1"#, "changesetIndex"),
        (#""changesetIndex":1.5"#, "changesetIndex"), (#""changesetId":3"#, "changesetId"),
        (#""containersEnabled":"all""#, "containersEnabled"),
    ])
    func anInvalidValueIs422InvalidValueNamingIt(_ member: String, _ target: String) async throws {
        let world = SimulatorFixture.bridges(changesetCount: 3)
        let response = try await world.copy(#"{"iTwinId":"\#(world.iTwin)",\#(member)}"#)
        #expect(response.status == 422, "\(response.text)")
        #expect(try response.errorCode() == "InvalidiModelsRequest")
        #expect(try response.detailCodes() == ["InvalidValue"])
        #expect(try response.detailTargets() == [target])
        #expect(world.simulator.iModels().count == 1)
    }

    @Test func aNameOf255CharactersIsAccepted() async throws {
        let world = SimulatorFixture.bridges()
        let name = String(repeating: "n", count: 255)
        #expect(try await world.copy(#"{"iTwinId":"\#(world.iTwin)","name":"\#(name)"}"#).status == 202)
    }

    @Test func createIModelValidatesItsBody() async throws {
        let world = SimulatorFixture.bridges()
        let noName = try await world.send(.post, "/imodels", json: #"{"iTwinId":"\#(world.iTwin)"}"#)
        #expect(noName.status == 422)
        #expect(try noName.detailCodes() == ["MissingRequiredProperty"])
        #expect(try noName.detailTargets() == ["name"])
        let unknown = try await world.send(
            .post, "/imodels", json: #"{"iTwinId":"\#(world.iTwin)","name":"E","owner":"me"}"#)
        #expect(unknown.status == 422)
        #expect(try unknown.detailTargets() == ["owner"])
        let baseline = try await world.send(
            .post, "/imodels", json: #"{"iTwinId":"\#(world.iTwin)","name":"E","creationMode":"fromBaseline"}"#)
        #expect(baseline.status == 422)
        #expect(try baseline.detailTargets() == ["creationMode"])
        let malformed = try await world.send(.post, "/imodels", json: #"{"iTwinId":"#)
        #expect(malformed.status == 422)
        #expect(world.simulator.iModels().count == 1)
    }

    @Test func anUnknownRouteIs404() async throws {
        let world = SimulatorFixture.bridges()
        for (method, path) in [
            (HTTPMethod.get, "/elsewhere"), (.get, "/imodels/\(world.source)/checkpoints"),
            (.put, "/imodels/\(world.source)"), (.post, "/imodels/\(world.source)/merge"),
        ] {
            let response = try await world.send(method, path, json: method == .get ? nil : "{}")
            #expect(response.status == 404, "\(method) \(path)")
        }
    }
}
