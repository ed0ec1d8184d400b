import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

@Suite(.verifiesStubTransports) struct ITwinEnvironmentTests {
    @Test(arguments: [
        (ITwinEnvironment.production, "https://api.bentley.com"),
        (.qa, "https://qa-api.bentley.com"),
        (.dev, "https://dev-api.bentley.com"),
        (.custom(URL(string: "http://127.0.0.1:8080/proxy")!), "http://127.0.0.1:8080/proxy"),
    ])
    func eachEnvironmentHasItsBaseURL(_ environment: ITwinEnvironment, _ base: String) {
        #expect(environment.baseURL.absoluteString == base)
    }

    @Test(arguments: [
        (ITwinEnvironment.production, "https://api.bentley.com/imodels/abc/operations/create"),
        (.qa, "https://qa-api.bentley.com/imodels/abc/operations/create"),
        (.dev, "https://dev-api.bentley.com/imodels/abc/operations/create"),
        (
            .custom(URL(string: "https://proxy.example.test/itwin/")!),
            "https://proxy.example.test/itwin/imodels/abc/operations/create"
        ),
    ])
    func requestsGoBelowTheEnvironmentsBaseURL(_ environment: ITwinEnvironment, _ expected: String) async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/**", status: 200, json: #"{"createOperation":{"state":"successful"}}"#)
        let client = ITwinClient(
            configuration: Configuration(environment: environment, clock: VirtualClock()),
            accessToken: { testToken }, transport: stub)
        _ = try await client.iModels.createOperation(of: "abc")
        #expect(stub.requests.map(\.url.absoluteString) == [expected])
    }
}
