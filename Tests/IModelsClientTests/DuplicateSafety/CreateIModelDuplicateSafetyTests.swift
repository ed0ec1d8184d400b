import Foundation
import IModelsClient
import IModelsTesting
import IModelsTestingTraits
import Testing

/// `createIModel` after an unknown outcome: it looks in the iTwin for an iModel of that name created since the send,
/// and returns it or sends once more. Against the simulator (what it holds and received is counted) and with stubs
/// (the exact requests).
@Suite(.verifiesStubTransports) struct CreateIModelDuplicateSafetyTests {
    typealias F = IModelsFixtures

    // MARK: - Against the simulator

    private func create(_ service: SimulatorFixture<BehaviourSeeds>, name: String = "Target") async throws -> IModel {
        let client = service.client
        return try await service.clock.run {
            try await client.iModels.createIModel(in: service.otherITwin, name: name)
        }
    }

    @Test(arguments: [SimulatorFault.connectionLostAfterServerActs, .timeout(afterServerActs: true)])
    func aLostAnswerReturnsTheIModelTheServerMadeWithoutASecond(_ fault: SimulatorFault) async throws {
        let service = SimulatorFixture.behaviour()
        service.simulator.inject(fault, on: .post, "/imodels")
        let model = try await create(service)
        #expect(service.simulator.iModels(in: service.otherITwin).map(\.id) == [model.id])
        #expect(model.name == "Target")
        #expect(model.state == .initialized, "the call still waits until the iModel can be used")
        #expect(service.logged(.post, "/imodels").count == 1)
        #expect(service.logged(.get, "/imodels").count == 1)
    }

    @Test(arguments: [SimulatorFault.connectionLostBeforeServerActs, .respond(status: 502), .timeout()])
    func nothingFoundIsSentExactlyOnceMore(_ fault: SimulatorFault) async throws {
        let service = SimulatorFixture.behaviour()
        service.simulator.inject(fault, on: .post, "/imodels")
        let model = try await create(service)
        #expect(service.simulator.iModels(in: service.otherITwin).map(\.id) == [model.id])
        #expect(service.logged(.post, "/imodels").count == 2)
        #expect(service.logged(.get, "/imodels").count == 1)
    }

    @Test func aFailedLookupThrowsTheLostConnectionAndSendsNothingMore() async throws {
        let service = SimulatorFixture.behaviour()
        service.simulator.inject(.connectionLostAfterServerActs, on: .post, "/imodels")
        service.simulator.inject(
            .respond(status: 403, json: #"{"error":{"code":"InsufficientPermissions","message":"No."}}"#),
            on: .get, "/imodels")
        let error = await captureError { _ = try await create(service) }
        guard case .transport(let failure)? = error else {
            Issue.record("expected the lost connection, got \(String(describing: error))")
            return
        }
        #expect(failure.kind == .connectionLost && failure.operation == "createIModel")
        #expect(service.logged(.post, "/imodels").count == 1, "an outcome still unknown is never resent")
        #expect(service.count(named: "Target", in: service.otherITwin) == 1, "what the server made stays")
    }

    @Test func anIModelTheListDoesNotShowYetIsResolvedBy409AndASecondLookup() async throws {
        let service = SimulatorFixture.behaviour()
        service.simulator.inject(.connectionLostAfterServerActs, on: .post, "/imodels")
        service.simulator.inject(
            .respond(status: 200, json: #"{"iModels":[],"_links":{"next":null}}"#), on: .get, "/imodels")
        let model = try await create(service)
        #expect(service.simulator.iModels(in: service.otherITwin).map(\.id) == [model.id])
        #expect(service.logged(.post, "/imodels").map(\.status) == [nil, 409])
        #expect(service.logged(.get, "/imodels").count == 2)
    }

    @Test func anOlderIModelOfTheNameIsNotTakenForThisRequest() async throws {
        let service = SimulatorFixture.behaviour()
        let older = try await create(service)
        service.clock.advance(by: .seconds(60))
        service.simulator.inject(.connectionLostBeforeServerActs, on: .post, "/imodels")
        let error = await captureError { _ = try await create(service) }
        #expect(
            error?.apiError?.status == 409 && error?.apiError?.code == "iModelExists", "\(String(describing: error))")
        #expect(service.simulator.iModels(in: service.otherITwin).map(\.id) == [older.id])
        #expect(service.logged(.post, "/imodels").count == 3, "the older iModel, the lost request, one resend")
    }

    // MARK: - With stubs: the exact requests

    private let post = "POST \(F.base)/imodels"
    private let lookup = "GET \(F.base)/imodels?iTwinId=itwin-1&name=Target"

    /// One page of the list in full: each iModel named "Target", created when the virtual clock starts.
    private func page(_ ids: [String]) -> String {
        let items = ids.map {
            #"{"id":"\#($0)","name":"Target","state":"initialized","#
                + #""createdDateTime":"\#(F.clockStart)"}"#
        }
        return #"{"iModels":[\#(items.joined(separator: ","))],"_links":{"next":null}}"#
    }

    /// The create operation of an iModel `POST /imodels` made: neither cloned nor forked.
    private let ownOperation = #"{"createOperation":{"state":"successful","clonedFrom":null,"forkedFrom":null}}"#

    private func send(_ stub: StubTransport) async throws -> IModel {
        try await makeClient(stub).iModels.createIModel(in: "itwin-1", name: "Target")
    }

    @Test func theLookupAsksForTheNameInFullAndTakesTheIModelFound() async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels", failure: connectionLost)
        stub.enqueue(.get, "/imodels", json: page(["ours"]))
        stub.enqueue(.get, "/imodels/ours/operations/create", json: ownOperation)
        let model = try await send(stub)
        #expect(model.id == "ours")
        #expect(F.lines(stub) == [post, lookup, "GET \(F.base)/imodels/ours/operations/create"])
        #expect(stub.requests[1].headers["Prefer"] == "return=representation", "the lookup reads createdDateTime")
        try stub.verify()
    }

    @Test func twoIModelsFoundEndInAnAmbiguousOutcomeWithoutAResend() async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels", failure: connectionLost)
        stub.enqueue(.get, "/imodels", json: page(["first", "second"]))
        stub.enqueue(.get, "/imodels/first/operations/create", json: ownOperation)
        stub.enqueue(.get, "/imodels/second/operations/create", json: ownOperation)
        let error = await captureError { _ = try await send(stub) }
        guard case .ambiguousOutcome(let operation, let candidates)? = error else {
            Issue.record("expected ambiguousOutcome, got \(String(describing: error))")
            return
        }
        #expect(operation == "createIModel")
        #expect(Set(candidates) == ["first", "second"])
        #expect(F.lines(stub).prefix(2) == [post, lookup])
        try stub.verify()
    }

    /// A clone another client made under the same name in the window is not this create's iModel: the request is sent
    /// again (and the service's `409` to it is thrown, the name being taken).
    @Test func aCloneOfTheNameIsNotTaken() async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels", failure: connectionLost)
        stub.enqueue(.get, "/imodels", json: page(["clone"]))
        stub.enqueue(
            .get, "/imodels/clone/operations/create",
            json: #"{"createOperation":{"state":"successful","clonedFrom":{"iModelId":"src","changesetId":""}}}"#)
        stub.enqueue(
            .post, "/imodels", status: 409, json: #"{"error":{"code":"iModelExists","message":"Taken."}}"#)
        stub.enqueue(.get, "/imodels", json: page(["clone"]))
        stub.enqueue(
            .get, "/imodels/clone/operations/create",
            json: #"{"createOperation":{"state":"successful","clonedFrom":{"iModelId":"src","changesetId":""}}}"#)
        let error = await captureError { _ = try await send(stub) }
        #expect(error?.apiError?.status == 409, "\(String(describing: error))")
        #expect(F.lines(stub).filter { $0 == post }.count == 2)
        try stub.verify()
    }

    @Test func anIModelOfAnotherNameIsNotTaken() async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels", failure: connectionLost)
        // A list that ignored the `name` filter: the iModel found is checked by name too.
        stub.enqueue(
            .get, "/imodels",
            json: #"{"iModels":[{"id":"other","name":"Other","createdDateTime":"\#(F.clockStart)"}],"_links":{}}"#)
        stub.enqueue(.post, "/imodels", status: 201, json: F.iModel("new-1", name: "Target"))
        let model = try await send(stub)
        #expect(model.id == "new-1")
        #expect(F.lines(stub) == [post, lookup, post])
        try stub.verify()
    }
}
