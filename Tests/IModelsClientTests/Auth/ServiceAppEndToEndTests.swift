import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

/// `ITwinClient(configuration:clientId:clientSecret:)` over one stub that plays both IMS and the iModels API.
@Suite(.verifiesStubTransports) struct ServiceAppEndToEndTests {
    private func makeClient(_ stub: StubTransport, clock: VirtualClock) -> ITwinClient {
        let configuration = Configuration(
            environment: .custom(URL(string: "https://api.example.test")!), clock: clock, jitterSeed: 1)
        return ITwinClient(
            configuration: configuration, clientId: FakeIMS.clientId, clientSecret: FakeIMS.clientSecret,
            authority: FakeIMS.authority, transport: stub)
    }

    @Test func signsInThenCallsTheAPIWithTheToken() async throws {
        let clock = VirtualClock()
        let stub = StubTransport()
        FakeIMS.enqueueDiscovery(stub)
        FakeIMS.enqueueToken(stub, "service-token-1")
        let iModel = try fixture("imodel-details-200.json")
        stub.enqueue(.get, "/imodels/*", body: iModel)
        stub.enqueue(.get, "/imodels/*", status: 401, json: #"{"error":{"code":"Unauthorized","message":"expired"}}"#)
        FakeIMS.enqueueToken(stub, "service-token-2")
        stub.enqueue(.get, "/imodels/*", body: iModel)
        let client = makeClient(stub, clock: clock)

        _ = try await client.iModels.iModel("abc")
        _ = try await client.iModels.iModel("abc")
        try stub.verify()

        let apiCalls = stub.requests.filter { $0.url.host == "api.example.test" }
        #expect(
            apiCalls.map { $0.headers["Authorization"] } == [
                "Bearer service-token-1", "Bearer service-token-1", "Bearer service-token-2",
            ])
        let token = try #require(FakeIMS.tokenRequests(stub).first)
        #expect(token.url.host == "ims.example.test")
        #expect(FakeIMS.form(token)["scope"] == "itwin-platform")
    }

    @Test func aRefusedSecretIsATokenProviderFailure() async throws {
        let stub = StubTransport()
        FakeIMS.enqueueDiscovery(stub)
        stub.enqueue(
            .post, FakeIMS.tokenPath, status: 400,
            json: #"{"error":"invalid_client","error_description":"Invalid client secret"}"#)
        let client = makeClient(stub, clock: VirtualClock())
        let error = await captureError { _ = try await client.iModels.iModel("abc") }
        guard case .tokenProviderFailed(let operation, let underlying) = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(operation == "getIModel")
        #expect((underlying as? TokenRequestError)?.oauthError?.code == .invalidClient)
        #expect((underlying as? TokenRequestError)?.oauthError?.message == "Invalid client secret")
        #expect(!FakeIMS.allRenderings(error!).contains(FakeIMS.clientSecret))
        #expect(stub.requests.allSatisfy { $0.url.host == "ims.example.test" })  // nothing went to the API
        try stub.verify()
    }

    @Test func theDefaultAuthorityFollowsTheEnvironment() async throws {
        let stub = StubTransport()
        let client = ITwinClient(
            configuration: Configuration(environment: .qa, clock: VirtualClock()), clientId: "id", clientSecret: "s",
            transport: stub)
        _ = await captureError { _ = try await client.iModels.iModel("abc") }
        let unexpected = stub.removeUnexpectedRequests()
        #expect(unexpected.map(\.url.absoluteString) == ["https://qa-ims.bentley.com/.well-known/openid-configuration"])
    }
}
