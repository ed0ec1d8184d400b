import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

/// A caller's own parameters type cannot reach another path than `configurations/<type>`.
@Suite(.verifiesStubTransports) struct CustomConfigurationParametersTests {
    struct Sneaky: ConfigurationParameters {
        static var transformType: TransformType { "../../imodels" }
        func validate() throws {}
    }

    struct Custom: ConfigurationParameters {
        static var transformType: TransformType { "LaterType2" }
        var option = true
        func validate() throws {}
    }

    private func request<P: ConfigurationParameters>(_ parameters: P) -> ConfigurationRequest<P> {
        ConfigurationRequest(
            transformName: "n", sourceProjectId: "p", sourceIModelId: "a", targetProjectId: "p", targetIModelId: "b",
            comment: "c", parameters: parameters)
    }

    @Test func aTypeThatIsNotLettersAndDigitsIsRefused() async throws {
        let stub = StubTransport()
        let error = await captureError {
            _ = try await makeClient(stub).transformations.createConfiguration(request(Sneaky()))
        }
        guard case .invalidRequest? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(stub.requests.isEmpty)
    }

    @Test func aCustomTypeIsSentToItsPath() async throws {
        let stub = StubTransport()
        stub.enqueue(
            .post, "/transformations/configurations/latertype2", status: 201,
            json: #"{"configuration":{"id":"c1","transformType":"LaterType2","transformParameters":{"option":true}}}"#)
        let configuration = try await makeClient(stub).transformations.createConfiguration(request(Custom()))
        #expect(configuration.parameters == .unknown(.object(["option": .bool(true)])))
        let body = try #require(stub.requests.first?.body)
        let object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect((object["transformParameters"] as? [String: Any])?["option"] as? Bool == true)
    }
}
