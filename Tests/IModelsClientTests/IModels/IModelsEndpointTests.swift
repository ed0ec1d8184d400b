import Foundation
import IModelsClient
import IModelsTesting
import IModelsTestingTraits
import Testing

/// Method, URL (path and query) and headers of every iModels API call that reads or deletes.
@Suite(.verifiesStubTransports) struct IModelsEndpointTests {
    typealias F = IModelsFixtures

    @Test func createOperationGetsTheOperationOfTheIModel() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/new-1/operations/create", body: try fixture("create-operation-200.json"))
        let operation = try await makeClient(stub).iModels.createOperation(of: "new-1")
        #expect(operation.state == .scheduled)
        #expect(F.lines(stub) == ["GET \(F.base)/imodels/new-1/operations/create"])
        expectIModelsHeaders(try #require(stub.requests.first), hasBody: false)
        try stub.verify()
    }

    @Test func iModelGetsTheDetails() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/m1", json: F.iModel("m1", name: "Main"))
        let model = try await makeClient(stub).iModels.iModel("m1")
        #expect(model.id == "m1" && model.name == "Main")
        #expect(F.lines(stub) == ["GET \(F.base)/imodels/m1"])
        expectIModelsHeaders(try #require(stub.requests.first), hasBody: false)
        try stub.verify()
    }

    @Test(arguments: [
        ("a/b", "a%2Fb"), ("..", "%2E%2E"), ("id with space", "id%20with%20space"), ("x?y#z", "x%3Fy%23z"),
    ])
    func idsAreOnePercentEncodedSegment(_ id: String, _ encoded: String) async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/*", json: F.iModel(id))
        _ = try await makeClient(stub).iModels.iModel(id)
        #expect(F.lines(stub) == ["GET \(F.base)/imodels/\(encoded)"])
    }

    @Test func iModelsListsTheITwinWithMinimalRepresentation() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["a", "b"]))
        let items = try await makeClient(stub).iModels.iModels(in: "itwin-1").collect()
        #expect(
            items == [
                MinimalIModel(id: "a", displayName: "Name of a"), MinimalIModel(id: "b", displayName: "Name of b"),
            ])
        #expect(F.lines(stub) == ["GET \(F.base)/imodels?iTwinId=itwin-1"])
        let sent = try #require(stub.requests.first)
        expectIModelsHeaders(sent, hasBody: false)
        #expect(sent.headers["Prefer"] == "return=minimal")
        try stub.verify()
    }

    @Test func iModelsByNameEncodesTheName() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["a"]))
        _ = try await makeClient(stub).iModels.iModels(in: "itwin-1", name: "Sun City & Co = 100%").collect()
        #expect(F.lines(stub) == ["GET \(F.base)/imodels?iTwinId=itwin-1&name=Sun%20City%20%26%20Co%20%3D%20100%25"])
        let query = try #require(URLComponents(url: stub.requests[0].url, resolvingAgainstBaseURL: false)?.queryItems)
        #expect(
            query == [
                URLQueryItem(name: "iTwinId", value: "itwin-1"),
                URLQueryItem(name: "name", value: "Sun City & Co = 100%"),
            ])
    }

    @Test func iModelsRefusesABlankITwinIdBeforeSending() async throws {
        let stub = StubTransport()
        let error = await captureError { _ = try await makeClient(stub).iModels.iModels(in: " ").collect() }
        guard case .invalidRequest? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(stub.requests.isEmpty)
    }

    @Test func deleteIModelSendsADelete() async throws {
        let stub = StubTransport()
        stub.enqueue(.delete, "/imodels/old-1", status: 204)
        try await makeClient(stub).iModels.deleteIModel("old-1")
        #expect(F.lines(stub) == ["DELETE \(F.base)/imodels/old-1"])
        expectIModelsHeaders(try #require(stub.requests.first), hasBody: false)
        try stub.verify()
    }

    @Test func deleteIModelThrowsTheNotFoundOfAFirstAttempt() async throws {
        let stub = StubTransport()
        stub.enqueue(.delete, "/imodels/old-1", status: 404, body: try fixture("create-operation-404.json"))
        let error = await captureError { try await makeClient(stub).iModels.deleteIModel("old-1") }
        #expect(error?.apiError?.code == .iModelNotFound)
        #expect(error?.apiError?.operation == "deleteIModel")
    }

    static let changesetQueries: [(Int?, Int?, Int?, Bool, String)] = [
        (nil, nil, nil, false, ""),
        (50, nil, nil, false, "?$top=50"),
        (nil, 3, nil, false, "?afterIndex=3"),
        (nil, nil, 9, false, "?lastIndex=9"),
        (nil, nil, nil, true, "?$orderBy=index%20desc"),
        (1000, 0, 12, true, "?$top=1000&afterIndex=0&lastIndex=12&$orderBy=index%20desc"),
    ]

    @Test(arguments: changesetQueries)
    func changesetsSendsTheQuery(
        _ top: Int?, _ afterIndex: Int?, _ lastIndex: Int?, _ descending: Bool, _ query: String
    )
        async throws
    {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/m1/changesets", json: #"{"changesets":[{"id":"c1","index":1}],"_links":{}}"#)
        let changesets = try await makeClient(stub).iModels.changesets(
            of: "m1", top: top, afterIndex: afterIndex, lastIndex: lastIndex, descending: descending
        ).collect()
        #expect(changesets.map(\.id) == ["c1"])
        #expect(F.lines(stub) == ["GET \(F.base)/imodels/m1/changesets\(query)"])
        expectIModelsHeaders(try #require(stub.requests.first), hasBody: false)
        try stub.verify()
    }

    @Test(arguments: [(0, nil, nil), (1001, nil, nil), (nil, -1, nil), (nil, nil, -1)] as [(Int?, Int?, Int?)])
    func changesetsRefusesBadNumbersBeforeSending(_ top: Int?, _ afterIndex: Int?, _ lastIndex: Int?) async throws {
        let stub = StubTransport()
        let error = await captureError {
            _ = try await makeClient(stub).iModels.changesets(
                of: "m1", top: top, afterIndex: afterIndex, lastIndex: lastIndex
            ).collect()
        }
        guard case .invalidRequest? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(stub.requests.isEmpty)
    }

    @Test func changesetByIdAndByIndex() async throws {
        let stub = StubTransport()
        let id = "1f2e04b666edce395e37a795e2231e995cbf8349"
        stub.enqueue(
            .get, PathPattern("/imodels/m1/changesets/\(id)"), json: #"{"changeset":{"id":"\#(id)","index":256}}"#)
        stub.enqueue(.get, "/imodels/m1/changesets/256", json: #"{"changeset":{"id":"\#(id)","index":256}}"#)
        let client = makeClient(stub)
        let byId = try await client.iModels.changeset(.id(id), of: "m1")
        let byIndex = try await client.iModels.changeset(.index(256), of: "m1")
        #expect(byId == byIndex && byId.index == 256)
        #expect(
            F.lines(stub) == [
                "GET \(F.base)/imodels/m1/changesets/\(id)", "GET \(F.base)/imodels/m1/changesets/256",
            ])
        for request in stub.requests { expectIModelsHeaders(request, hasBody: false) }
        try stub.verify()
    }

    @Test(arguments: [ChangesetReference.index(-1), .id(""), .id("  ")])
    func changesetRefusesABadReferenceBeforeSending(_ reference: ChangesetReference) async throws {
        let stub = StubTransport()
        let error = await captureError { _ = try await makeClient(stub).iModels.changeset(reference, of: "m1") }
        guard case .invalidRequest? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(stub.requests.isEmpty)
    }

    @Test func latestChangesetAsksForTheNewestOne() async throws {
        let stub = StubTransport()
        stub.enqueue(
            .get, "/imodels/m1/changesets",
            json:
                #"{"changesets":[{"id":"c9","index":9}],"_links":{"next":{"href":"\#(F.base)/imodels/m1/changesets?$top=1&$skip=1"}}}"#
        )
        let latest = try await makeClient(stub).iModels.latestChangeset(of: "m1")
        #expect(latest?.id == "c9" && latest?.index == 9)
        // One request: the next page is not fetched once the newest changeset is known.
        #expect(F.lines(stub) == ["GET \(F.base)/imodels/m1/changesets?$top=1&$orderBy=index%20desc"])
        try stub.verify()
    }

    @Test func latestChangesetIsNilWithoutChangesets() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/m1/changesets", json: #"{"changesets":[],"_links":{"next":null}}"#)
        let latest = try await makeClient(stub).iModels.latestChangeset(of: "m1")
        #expect(latest == nil)
        #expect(stub.requests.count == 1)
        try stub.verify()
    }
}
