import Foundation
import IModelsClient
import IModelsTesting
import IModelsTestingTraits
import Testing

/// The documented examples of `GET /imodels/{id}/operations/create` (seed 003) decode as documented.
@Suite(.verifiesStubTransports) struct CreateOperationDecodingTests {
    let path: PathPattern = "/imodels/5e19bee0-3aea-4355-a9f0-c6df9989ee7d/operations/create"
    let id = "5e19bee0-3aea-4355-a9f0-c6df9989ee7d"

    @Test func theOKExampleDecodes() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, path, body: try fixture("create-operation-200.json"))
        let operation = try await makeClient(stub).iModels.createOperation(of: id)
        #expect(operation.state == .scheduled)
        #expect(operation.state.rawValue == "scheduled")
        #expect(
            operation.clonedFrom
                == ClonedFrom(
                    iModelId: "5e19bee0-3aea-4355-a9f0-c6df9989ee7d",
                    changesetId: "13a61888798b687d41f7c748d7414b428766281f"))
        #expect(operation.forkedFrom == nil)
        #expect(operation.sourceIModelId == "5e19bee0-3aea-4355-a9f0-c6df9989ee7d")
    }

    @Test func theUnauthorizedExampleDecodesAfterOneTokenRefresh() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, path, status: 401, body: try fixture("create-operation-401.json"))
        stub.enqueue(.get, path, status: 401, body: try fixture("create-operation-401.json"))
        let tokens = CountingTokenProvider()
        let error = await captureError {
            _ = try await makeClient(stub, tokenProvider: tokens).iModels.createOperation(of: id)
        }
        let api = try #require(error?.apiError)
        #expect(api.status == 401)
        #expect(api.code == .headerNotFound && api.code?.rawValue == "HeaderNotFound")
        #expect(api.message == "Header Authorization was not found in the request. Access denied.")
        #expect(api.operation == "getCreateOperation")
        #expect(api.retryAfter == nil)
        #expect(tokens.forcedCalls == 1)
        try stub.verify()
    }

    @Test func theNotFoundExampleDecodes() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, path, status: 404, body: try fixture("create-operation-404.json"))
        let error = await captureError { _ = try await makeClient(stub).iModels.createOperation(of: id) }
        let api = try #require(error?.apiError)
        #expect(api.status == 404)
        #expect(api.code == .iModelNotFound && api.code?.rawValue == "iModelNotFound")
        #expect(api.message == "Requested iModel is not available.")
        #expect(stub.requests.count == 1, "a 404 is not retried")
    }

    @Test(arguments: [("17", 17), (nil, nil)] as [(String?, Int?)])
    func theTooManyRequestsExampleDecodesWithItsRetryAfter(_ header: String?, _ seconds: Int?) async throws {
        let stub = StubTransport()
        var headers = HTTPHeaders()
        headers["retry-after"] = header
        stub.enqueue(.get, path, status: 429, headers: headers, body: try fixture("create-operation-429.json"))
        let error = await captureError {
            _ = try await makeClient(stub, retryPolicy: .none).iModels.createOperation(of: id)
        }
        let api = try #require(error?.apiError)
        #expect(api.status == 429)
        #expect(api.code == .tooManyRequests && api.code?.rawValue == "TooManyRequests")
        #expect(api.message == "More requests were received than the subscription rate-limit allows.")
        #expect(api.retryAfter == seconds.map { .seconds($0) })
        try stub.verify()
    }

    @Test(arguments: ["scheduled", "waitingForFile", "successful", "failed", "mainIModelIsMissingFederationGuids"])
    func everyDocumentedStateDecodesAsItsKnownValue(_ state: String) throws {
        let known: [String: CreateOperationState] = [
            "scheduled": .scheduled, "waitingForFile": .waitingForFile, "successful": .successful, "failed": .failed,
            "mainIModelIsMissingFederationGuids": .mainIModelIsMissingFederationGuids,
        ]
        let operation = try JSONDecoder().decode(
            CreateOperation.self, from: Data(#"{"state":"\#(state)","clonedFrom":null,"forkedFrom":null}"#.utf8))
        #expect(operation.state == known[state])
        #expect(operation.state.rawValue == state)
        #expect(operation.state.isKnown)
    }
}
