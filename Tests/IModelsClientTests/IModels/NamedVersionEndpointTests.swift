import Foundation
import IModelsClient
import IModelsTesting
import IModelsTestingTraits
import Testing

/// The exact requests of the named-version calls, `ChangesetPoint.namedVersion` and creation from a template, and the
/// decoding of the documented example.
@Suite(.verifiesStubTransports) struct NamedVersionEndpointTests {
    typealias F = IModelsFixtures

    static let versionJSON =
        #"{"namedVersion":{"id":"nv-1","displayName":"Release 3","name":"Release 3","changesetId":"cs-9","#
        + #""changesetIndex":9,"createdDateTime":"2026-01-01T00:00:00.0000000Z","state":"visible"}}"#
    static let baselineVersionJSON =
        #"{"namedVersion":{"id":"nv-0","displayName":"Start","name":"Start","changesetId":null,"changesetIndex":0,"#
        + #""createdDateTime":"2026-01-01T00:00:00.0000000Z","state":"visible"}}"#

    // MARK: - Decoding

    @Test func theDocumentedExampleDecodes() throws {
        struct Body: Decodable { var namedVersion: NamedVersion }
        let version = try JSONDecoder().decode(Body.self, from: try fixture("named-version-details-200.json"))
            .namedVersion
        #expect(version.id == "3020441b-e179-4334-a59a-4fb8deb93df1")
        #expect(version.name == "Wind farm design" && version.displayName == "Wind farm design")
        #expect(version.description == "Finalized wind farm design in Sun City")
        #expect(version.changesetId == "1f2e04b666edce395e37a795e2231e995cbf8349")
        #expect(version.changesetIndex == 14 && !version.isBaseline)
        #expect(version.state == .visible)
        #expect(version.application == Changeset.Application(id: "itwin-designer-unique-id", name: "iTwin Designer"))
        #expect(version.createdDateTime == Date(timeIntervalSince1970: 1_603_262_577.67))
        #expect(
            version.links?.changeset?.href.hasSuffix("/changesets/1f2e04b666edce395e37a795e2231e995cbf8349") == true)
        #expect(version.links?.creator?.href.contains("/users/") == true)
        let again = try JSONDecoder().decode(NamedVersion.self, from: try JSONEncoder().encode(version))
        #expect(again == version, "round trip")
    }

    @Test func theMinimalShapeDecodesWithTheDisplayNameAsName() throws {
        let json = #"{"id":"nv-0","displayName":"Start","changesetId":null,"changesetIndex":0}"#
        let version = try JSONDecoder().decode(NamedVersion.self, from: Data(json.utf8))
        #expect(version.name == "Start" && version.isBaseline && version.state == nil)
        let unknownState = #"{"id":"a","name":"A","changesetIndex":2,"changesetId":"x","state":"Archived"}"#
        #expect(
            try JSONDecoder().decode(NamedVersion.self, from: Data(unknownState.utf8)).state?.rawValue == "Archived")
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(NamedVersion.self, from: Data(#"{"id":"a","changesetIndex":1}"#.utf8))
        }
        #expect(NamedVersionState.hidden == NamedVersionState(rawValue: "Hidden"))
    }

    // MARK: - List and get

    @Test func namedVersionsListsInFullWithTheQueryAsked() async throws {
        let stub = StubTransport()
        stub.enqueue(
            .get, "/imodels/m1/namedversions",
            json: #"{"namedVersions":[{"id":"a","name":"Alpha","changesetIndex":1,"changesetId":"c1"}],"#
                + #""_links":{"next":null}}"#)
        let items = try await makeClient(stub).iModels.namedVersions(
            of: "m1", search: "Rel & 1", orderBy: [.changesetIndexDescending, .createdDateTime], top: 10
        ).collect()
        #expect(items.map(\.name) == ["Alpha"])
        #expect(
            F.lines(stub) == [
                "GET \(F.base)/imodels/m1/namedversions?$search=Rel%20%26%201"
                    + "&$orderBy=changesetIndex%20desc%2CcreatedDateTime%20asc&$top=10"
            ])
        let sent = try #require(stub.requests.first)
        expectIModelsHeaders(sent, hasBody: false)
        #expect(sent.headers["Prefer"] == "return=representation")
        try stub.verify()
    }

    @Test func namedVersionsByNameAndCreationOrder() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/m1/namedversions", json: #"{"namedVersions":[],"_links":{"next":null}}"#)
        _ = try await makeClient(stub).iModels.namedVersions(of: "m1", name: "R 3", orderBy: [.createdDateTime])
            .collect()
        #expect(F.lines(stub) == ["GET \(F.base)/imodels/m1/namedversions?name=R%203&$orderBy=createdDateTime%20asc"])
        try stub.verify()
    }

    @Test(arguments: [
        (10 as Int?, "s" as String?, "n" as String?, [] as [NamedVersionOrder]), (0, nil, nil, []),
        (1001, nil, nil, []), (nil, " ", nil, []), (nil, nil, "", []),
        (nil, nil, nil, [.changesetIndex, .changesetIndexDescending]),
    ])
    func namedVersionsRefusesBadInputBeforeSending(
        _ top: Int?, _ search: String?, _ name: String?, _ orderBy: [NamedVersionOrder]
    ) async throws {
        let stub = StubTransport()
        let error = await captureError {
            _ = try await makeClient(stub).iModels.namedVersions(
                of: "m1", name: name, search: search, orderBy: orderBy, top: top
            )
            .collect()
        }
        guard case .invalidRequest? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(stub.requests.isEmpty)
    }

    @Test func namedVersionGetsOne() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/m1/namedversions/nv-1", json: Self.versionJSON)
        let version = try await makeClient(stub).iModels.namedVersion("nv-1", of: "m1")
        #expect(version.changesetId == "cs-9" && version.changesetIndex == 9)
        #expect(F.lines(stub) == ["GET \(F.base)/imodels/m1/namedversions/nv-1"])
        expectIModelsHeaders(try #require(stub.requests.first), hasBody: false)
        try stub.verify()
    }

    // MARK: - Create and update

    @Test func createNamedVersionPostsNameDescriptionAndChangeset() async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels/m1/namedversions", status: 201, json: Self.versionJSON)
        let version = try await makeClient(stub).iModels.createNamedVersion(
            of: "m1", name: "Release 3", description: "Shipped", changesetId: "cs-9")
        #expect(version.id == "nv-1")
        #expect(F.lines(stub) == ["POST \(F.base)/imodels/m1/namedversions"])
        let sent = try #require(stub.requests.first)
        expectIModelsHeaders(sent, hasBody: true)
        #expect(
            try F.body(sent) == F.json(#"{"name":"Release 3","description":"Shipped","changesetId":"cs-9"}"#))
        try stub.verify()
    }

    @Test func createNamedVersionWithoutAChangesetNamesTheBaseline() async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels/m1/namedversions", status: 201, json: Self.baselineVersionJSON)
        let version = try await makeClient(stub).iModels.createNamedVersion(of: "m1", name: "Start")
        #expect(version.isBaseline)
        #expect(try F.body(stub.requests.first) == F.json(#"{"name":"Start"}"#))
        try stub.verify()
    }

    @Test(arguments: [
        ("", nil as String?, nil as String?), (" ", nil, nil), ("A", nil, " "),
        (String(repeating: "n", count: 256), nil, nil), ("A", String(repeating: "d", count: 256), nil),
    ])
    func createNamedVersionRefusesBadInputBeforeSending(
        _ name: String, _ description: String?, _ changesetId: String?
    ) async throws {
        let stub = StubTransport()
        let error = await captureError {
            _ = try await makeClient(stub).iModels.createNamedVersion(
                of: "m1", name: name, description: description, changesetId: changesetId)
        }
        guard case .invalidRequest? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(stub.requests.isEmpty)
    }

    @Test func updateNamedVersionPatchesOnlyWhatIsGiven() async throws {
        let stub = StubTransport()
        stub.enqueue(.patch, "/imodels/m1/namedversions/nv-1", json: Self.versionJSON)
        _ = try await makeClient(stub).iModels.updateNamedVersion("nv-1", of: "m1", state: .hidden)
        stub.enqueue(.patch, "/imodels/m1/namedversions/nv-1", json: Self.versionJSON)
        _ = try await makeClient(stub).iModels.updateNamedVersion(
            "nv-1", of: "m1", name: "Release 3.1", description: "Fixed")
        #expect(
            F.lines(stub) == [
                "PATCH \(F.base)/imodels/m1/namedversions/nv-1", "PATCH \(F.base)/imodels/m1/namedversions/nv-1",
            ])
        expectIModelsHeaders(stub.requests[0], hasBody: true)
        #expect(try F.body(stub.requests[0]) == F.json(#"{"state":"hidden"}"#))
        #expect(try F.body(stub.requests[1]) == F.json(#"{"name":"Release 3.1","description":"Fixed"}"#))
        try stub.verify()
    }

    @Test func updateNamedVersionNeedsSomethingToChange() async throws {
        let stub = StubTransport()
        for update in [
            { try await makeClient(stub).iModels.updateNamedVersion("nv-1", of: "m1") },
            { try await makeClient(stub).iModels.updateNamedVersion("nv-1", of: "m1", name: "  ") },
            { try await makeClient(stub).iModels.updateNamedVersion(" ", of: "m1", state: .visible) },
        ] as [@Sendable () async throws -> NamedVersion] {
            let error = await captureError { _ = try await update() }
            guard case .invalidRequest? = error else {
                Issue.record("expected invalidRequest, got \(String(describing: error))")
                continue
            }
        }
        #expect(stub.requests.isEmpty)
    }

    // MARK: - ChangesetPoint.namedVersion

    @Test func cloneAsOfANamedVersionSendsItsChangesetId() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/src/namedversions/nv-1", json: Self.versionJSON)
        stub.enqueue(.post, "/imodels/src/clone", status: 202, headers: F.accepted("new-1"))
        let creation = try await makeClient(stub).iModels.clone(
            "src", into: "itwin-2", name: "As released", upTo: .namedVersion("nv-1"))
        #expect(creation.iModelId == "new-1")
        #expect(
            F.lines(stub) == [
                "GET \(F.base)/imodels/src/namedversions/nv-1", "POST \(F.base)/imodels/src/clone",
            ])
        #expect(
            try F.body(stub.requests[1]) == F.json(#"{"iTwinId":"itwin-2","name":"As released","changesetId":"cs-9"}"#))
        try stub.verify()
    }

    @Test func forkAsOfABaselineVersionSendsIndexZero() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/main/namedversions/nv-0", json: Self.baselineVersionJSON)
        stub.enqueue(.post, "/imodels/main/fork", status: 202, headers: F.accepted("fork-1"))
        _ = try await makeClient(stub).iModels.fork("main", into: "itwin-2", upTo: .namedVersion("nv-0"))
        #expect(
            try F.body(stub.requests[1])
                == F.json(#"{"iTwinId":"itwin-2","changesetIndex":0,"preserveHistory":false}"#))
        try stub.verify()
    }

    @Test func aMissingNamedVersionEndsTheCloneBeforeAnythingIsPosted() async throws {
        let stub = StubTransport()
        stub.enqueue(
            .get, "/imodels/src/namedversions/gone", status: 404,
            json:
                #"{"error":{"code":"NamedVersionNotFound","message":"Requested Named Version 'gone' is not available."}}"#
        )
        let error = await captureError {
            _ = try await makeClient(stub).iModels.clone("src", into: "itwin-2", upTo: .namedVersion("gone"))
        }
        guard case .api(let api)? = error else {
            Issue.record("expected the 404, got \(String(describing: error))")
            return
        }
        #expect(api.status == 404 && api.code == "NamedVersionNotFound" && (api.message ?? "").contains("gone"))
        #expect(stub.requests.allSatisfy { $0.method == .get })
        try stub.verify()
    }

    @Test func aBlankNamedVersionIdIsRefusedBeforeSending() async throws {
        let stub = StubTransport()
        let error = await captureError {
            _ = try await makeClient(stub).iModels.clone("src", into: "itwin-2", upTo: .namedVersion(""))
        }
        guard case .invalidRequest? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(stub.requests.isEmpty)
    }

    // MARK: - Template

    @Test(arguments: [
        (ChangesetPoint.latest, #"{"iModelId":"tpl"}"#),
        (.changesetId("cs-4"), #"{"iModelId":"tpl","changesetId":"cs-4"}"#),
    ])
    func createFromTemplatePostsTheTemplateAndWaitsForTheOperation(_ point: ChangesetPoint, _ template: String)
        async throws
    {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels", status: 201, json: F.iModel("new-1", name: "From tpl", state: "notInitialized"))
        stub.enqueue(.get, "/imodels/new-1/operations/create", json: F.createOperation("successful"))
        stub.enqueue(.get, "/imodels/new-1", json: F.iModel("new-1", name: "From tpl"))
        let clock = VirtualClock()
        let client = makeClient(stub, clock: clock)
        let model = try await clock.run {
            try await client.iModels.createIModel(fromTemplate: "tpl", upTo: point, in: "itwin-2", name: "From tpl")
        }
        #expect(model.id == "new-1" && model.state == .initialized)
        #expect(
            F.lines(stub) == [
                "POST \(F.base)/imodels", "GET \(F.base)/imodels/new-1/operations/create",
                "GET \(F.base)/imodels/new-1",
            ])
        expectIModelsHeaders(stub.requests[0], hasBody: true)
        #expect(
            try F.body(stub.requests[0])
                == F.json(
                    #"{"iTwinId":"itwin-2","name":"From tpl","creationMode":"fromiModelVersion","template":\#(template)}"#
                ))
        try stub.verify()
    }

    @Test func aTemplateIndexIsReadAndSentAsItsId() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/tpl/changesets/4", body: try fixture("changeset-details-200.json"))
        stub.enqueue(.post, "/imodels", status: 201, json: F.iModel("new-1", name: "T"))
        stub.enqueue(.get, "/imodels/new-1/operations/create", json: F.createOperation("successful"))
        stub.enqueue(.get, "/imodels/new-1", json: F.iModel("new-1", name: "T"))
        let clock = VirtualClock()
        let client = makeClient(stub, clock: clock)
        _ = try await clock.run {
            try await client.iModels.createIModel(fromTemplate: "tpl", upTo: .changesetIndex(4), in: "i", name: "T")
        }
        #expect(
            try F.body(stub.requests[1])
                == F.json(
                    #"{"iTwinId":"i","name":"T","creationMode":"fromiModelVersion","#
                        + #""template":{"iModelId":"tpl","changesetId":"1f2e04b666edce395e37a795e2231e995cbf8349"}}"#))
        try stub.verify()
    }

    @Test(arguments: [ChangesetPoint.baselineOnly, .changesetIndex(0), .changesetIndex(-1), .changesetId(" ")])
    func aTemplatesBaselineCannotBeNamed(_ point: ChangesetPoint) async throws {
        let stub = StubTransport()
        let error = await captureError {
            _ = try await makeClient(stub).iModels.createIModel(fromTemplate: "tpl", upTo: point, in: "i", name: "T")
        }
        guard case .invalidRequest? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(stub.requests.isEmpty)
    }
}
