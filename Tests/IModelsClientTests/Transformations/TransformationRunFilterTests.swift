import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

/// The run list's `Status` and `OrderBy` filters: their exact query, and the refusals before sending.
@Suite(.verifiesStubTransports) struct TransformationRunFilterTests {
    @Test func filtersAreSentWithTheDocumentedNames() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/transformations/", json: #"{"transformations":[{"id":"r1","status":"Failed"}]}"#)
        let runs = try await makeClient(stub).transformations.transformations(
            of: "c 1", status: .failed, orderBy: .createdDateTimeDescending
        ).collect()
        #expect(runs.map(\.id) == ["r1"])
        let sent = try #require(stub.requests.first)
        #expect(sent.url.query == "configurationId=c%201&Status=Failed&OrderBy=createdDateTime%20desc")
        #expect(sent.url.absoluteString.hasPrefix("https://api.example.test/transformations/?"))
        #expect(sent.headers["Prefer"] == "return=representation")
        #expect(sent.headers["Accept"] == "application/vnd.bentley.itwin-platform.v1+json")
    }

    @Test func withoutFiltersTheQueryIsUnchanged() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/transformations/", json: #"{"transformations":[]}"#)
        _ = try await makeClient(stub).transformations.transformations(of: "c1").collect()
        #expect(stub.requests.first?.url.query == "configurationId=c1")
    }

    @Test(arguments: [
        (TransformationStatus?.some(" "), TransformationOrder?.none),
        (nil, .some("")),
    ])
    func blankFiltersAreRefusedBeforeSending(_ status: TransformationStatus?, _ order: TransformationOrder?)
        async throws
    {
        let stub = StubTransport()
        let error = await captureError {
            _ = try await makeClient(stub).transformations.transformations(of: "c1", status: status, orderBy: order)
                .collect()
        }
        guard case .invalidRequest? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(stub.requests.isEmpty)
    }
}
