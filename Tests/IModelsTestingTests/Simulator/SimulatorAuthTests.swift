import Foundation
import IModelsClient
import IModelsTesting
import Testing

@Suite struct SimulatorAuthTests {
    @Test func noAuthorizationHeaderIs401HeaderNotFoundInTheWrappedEnvelope() async throws {
        let world = SimulatorFixture.bridges()
        let response = try await world.send(.get, "/imodels/\(world.source)", token: nil)
        #expect(response.status == 401)
        #expect(response.headers["Content-Type"]?.hasPrefix("application/json") == true)
        let object = try response.object()
        #expect(Array(object.keys) == ["error"])
        let error = try response.error()
        #expect(error["code"] as? String == "HeaderNotFound")
        #expect(error["message"] as? String == "Header Authorization was not found in the request. Access denied.")
    }

    @Test func noAuthorizationOnACloneCreatesNothing() async throws {
        let world = SimulatorFixture.bridges()
        let response = try await world.copy(#"{"iTwinId":"\#(world.iTwin)","name":"Copy"}"#, token: nil)
        #expect(response.status == 401)
        #expect(try response.errorCode() == "HeaderNotFound")
        #expect(world.simulator.iModels().count == 1)
    }

    @Test(arguments: ["Bearer unknown-token", "Basic \(simulatorToken)", "Bearer", simulatorToken])
    func anUnknownTokenOrAnotherSchemeIs401(_ authorization: String) async throws {
        let world = SimulatorFixture.bridges()
        let response = try await world.send(
            .post, "/imodels/\(world.source)/clone", json: #"{"iTwinId":"\#(world.iTwin)","name":"Copy"}"#,
            headers: ["Authorization": authorization], token: nil)
        #expect(response.status == 401)
        #expect(world.simulator.iModels().count == 1)
    }

    @Test func anUnknownTokenIs401WithoutTheErrorWrapper() async throws {
        let world = SimulatorFixture.bridges()
        let response = try await world.send(.get, "/imodels/\(world.source)", token: "nobody")
        #expect(response.status == 401)
        let object = try response.object()
        #expect(object["error"] == nil)
        #expect(object["code"] as? String == "InvalidAuthorizationToken")
        #expect((object["message"] as? String)?.isEmpty == false)
    }

    @Test func aTokenIsAcceptedUntilItExpires() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.addAccessToken("short", expiresAt: world.start.addingTimeInterval(60))
        #expect(try await world.send(.get, "/imodels/\(world.source)", token: "short").status == 200)
        world.advance(toElapsed: 59.9)
        #expect(try await world.send(.get, "/imodels/\(world.source)", token: "short").status == 200)
        world.advance(toElapsed: 60)
        #expect(try await world.send(.get, "/imodels/\(world.source)", token: "short").status == 401)
        #expect(try await world.send(.get, "/imodels/\(world.source)").status == 200)
    }

    @Test func aRevokedTokenIs401() async throws {
        let world = SimulatorFixture.bridges()
        #expect(try await world.send(.get, "/imodels/\(world.source)").status == 200)
        world.simulator.revokeAccessToken(simulatorToken)
        #expect(try await world.send(.get, "/imodels/\(world.source)").status == 401)
    }

    @Test func noPermissionsInAnITwinIs403InsufficientPermissionsThereOnly() async throws {
        let world = SimulatorFixture.bridges()
        let other = world.simulator.addIModel(SimulatorIModelSeed(iTwinId: world.otherITwin, name: "Other"))
        world.simulator.setPermissions([], for: simulatorToken, in: world.otherITwin)

        let denied = try await world.send(.get, "/imodels/\(other)")
        #expect(denied.status == 403)
        #expect(try denied.errorCode() == "InsufficientPermissions")
        #expect((try denied.error()["message"] as? String)?.isEmpty == false)
        #expect(try await world.send(.get, "/imodels/\(world.source)").status == 200)

        let list = try await world.send(.get, "/imodels", query: [("iTwinId", world.otherITwin)])
        #expect(list.status == 403)
        #expect(try await world.send(.get, "/imodels", query: [("iTwinId", world.iTwin)]).status == 200)
        #expect(try await world.send(.get, "/imodels/\(other)/operations/create").status == 403)
        #expect(try await world.send(.get, "/imodels/\(other)/changesets").status == 403)
    }

    @Test func perITwinPermissionsSurviveAddingTheTokenAgain() async throws {
        let world = SimulatorFixture.bridges()
        let secret = world.simulator.addIModel(SimulatorIModelSeed(iTwinId: world.otherITwin, name: "Secret"))
        world.simulator.setPermissions([], for: "late", in: world.otherITwin)
        world.simulator.addAccessToken("late")
        #expect(try await world.send(.get, "/imodels/\(secret)", token: "late").status == 403)
        #expect(try await world.send(.get, "/imodels/\(world.source)", token: "late").status == 200)

        world.simulator.setPermissions([], for: simulatorToken, in: world.otherITwin)
        world.simulator.addAccessToken(simulatorToken, expiresAt: world.start.addingTimeInterval(3_600))
        #expect(try await world.send(.get, "/imodels/\(secret)").status == 403)
        world.advance(toElapsed: 3_600)
        #expect(try await world.send(.get, "/imodels/\(world.source)").status == 401)
    }

    @Test func permissionsForAnUnknownTokenDoNotMakeItAccepted() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.setPermissions(SimulatorPermission.all, for: "never-added", in: world.iTwin)
        let response = try await world.send(.get, "/imodels/\(world.source)", token: "never-added")
        #expect(response.status == 401)
        world.simulator.addAccessToken("never-added")
        #expect(try await world.send(.get, "/imodels/\(world.source)", token: "never-added").status == 200)
    }

    @Test func cloningNeedsManageInTheSourceAndTheTargetITwin() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.setPermissions([.webView, .read], for: simulatorToken, in: world.otherITwin)
        let intoTarget = try await world.copy(#"{"iTwinId":"\#(world.otherITwin)","name":"Copy"}"#)
        #expect(intoTarget.status == 403)
        #expect(try intoTarget.errorCode() == "InsufficientPermissions")

        world.simulator.setPermissions(SimulatorPermission.all, for: simulatorToken, in: world.otherITwin)
        world.simulator.setPermissions([.webView], for: simulatorToken, in: world.iTwin)
        let fromSource = try await world.copy(#"{"iTwinId":"\#(world.otherITwin)","name":"Copy"}"#)
        #expect(fromSource.status == 403)
        #expect(world.simulator.iModels().count == 1)

        world.simulator.setPermissions([.manage], for: simulatorToken, in: world.iTwin)
        #expect(try await world.copy(#"{"iTwinId":"\#(world.otherITwin)","name":"Copy"}"#).status == 202)
    }

    @Test func readingCreatingAndDeletingNeedTheirOwnPermissions() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.addAccessToken("viewer", permissions: [.webView])
        #expect(try await world.send(.get, "/imodels/\(world.source)", token: "viewer").status == 200)
        let create = try await world.send(
            .post, "/imodels", json: #"{"iTwinId":"\#(world.iTwin)","name":"Empty"}"#, token: "viewer")
        #expect(create.status == 403)
        #expect(try await world.send(.delete, "/imodels/\(world.source)", token: "viewer").status == 403)
        #expect(world.simulator.iModel(world.source) != nil)

        world.simulator.addAccessToken("manager", permissions: [.webView, .manage])
        #expect(try await world.send(.delete, "/imodels/\(world.source)", token: "manager").status == 403)
        world.simulator.setPermissions([.delete], for: "manager", in: world.iTwin)
        #expect(try await world.send(.delete, "/imodels/\(world.source)", token: "manager").status == 204)
    }
}
