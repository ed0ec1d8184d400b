import Foundation
import IModelsClient
import IModelsTesting
import IModelsTestingTraits
import Testing

/// The exact JSON bodies of clone, fork and create (API.md 2.1, 2.2, 2.6), compared as parsed JSON.
@Suite(.verifiesStubTransports) struct IModelsRequestBodyTests {
    typealias F = IModelsFixtures

    /// Each changeset point and the fields it adds to the body: never both `changesetId` and `changesetIndex`,
    /// never `null`.
    static let points: [(ChangesetPoint, String)] = [
        (.latest, ""),
        (.baselineOnly, #","changesetIndex":0"#),
        (
            .changesetId("13a61888798b687d41f7c748d7414b428766281f"),
            #","changesetId":"13a61888798b687d41f7c748d7414b428766281f""#
        ),
        (.changesetIndex(7), #","changesetIndex":7"#),
    ]

    private func expectNoNullAndNotBoth(_ body: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) {
        guard case .object(let fields) = body else {
            Issue.record("the body is not a JSON object: \(body)", sourceLocation: sourceLocation)
            return
        }
        #expect(!fields.values.contains(.null), "no field is sent as null", sourceLocation: sourceLocation)
        #expect(
            !(fields["changesetId"] != nil && fields["changesetIndex"] != nil),
            "changesetId and changesetIndex are mutually exclusive", sourceLocation: sourceLocation)
    }

    @Test(arguments: points)
    func cloneSendsTheChangesetPointExactly(_ point: ChangesetPoint, _ extra: String) async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels/src/clone", status: 202, headers: F.accepted("new"))
        let creation = try await makeClient(stub).iModels.clone(
            "src", into: "itwin-1", name: "Copy", description: "A copy", upTo: point)
        #expect(creation.iModelId == "new")
        let sent = try #require(stub.requests.first)
        #expect(sent.method == .post)
        #expect(sent.url.absoluteString == "\(F.base)/imodels/src/clone")
        expectIModelsHeaders(sent, hasBody: true)
        let body = try F.body(sent)
        #expect(body == (try F.json(#"{"iTwinId":"itwin-1","name":"Copy","description":"A copy"\#(extra)}"#)))
        expectNoNullAndNotBoth(body)
        try stub.verify()
    }

    @Test func cloneWithOnlyTheTargetSendsOnlyTheITwinId() async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels/src/clone", status: 202, headers: F.accepted("new"))
        _ = try await makeClient(stub).iModels.clone("src", into: "itwin-1")
        #expect(try F.body(stub.requests.first) == (try F.json(#"{"iTwinId":"itwin-1"}"#)))
    }

    /// Bentley's TypeScript client sends `containersEnabled` with clone and fork (iTwin/imodels-clients,
    /// clients/imodels-client-management/src/operations/imodel/IModelOperations.ts, `getCloneIModelRequestBody` and
    /// `getForkIModelRequestBody`); `nil` sends nothing (the other tests of this suite).
    @Test func cloneAndForkSendContainersEnabledWhenGiven() async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels/src/clone", status: 202, headers: F.accepted("new"))
        stub.enqueue(.post, "/imodels/main/fork", status: 202, headers: F.accepted("fork-1"))
        let client = makeClient(stub)
        _ = try await client.iModels.clone("src", into: "itwin-1", containersEnabled: 7)
        _ = try await client.iModels.fork("main", into: "itwin-1", containersEnabled: 1)
        #expect(try F.body(stub.requests.first) == (try F.json(#"{"iTwinId":"itwin-1","containersEnabled":7}"#)))
        #expect(
            try F.body(stub.requests.last)
                == (try F.json(#"{"iTwinId":"itwin-1","preserveHistory":false,"containersEnabled":1}"#)))
        try stub.verify()
    }

    @Test(arguments: points)
    func forkSendsTheChangesetPointAndPreserveHistoryFalseByDefault(_ point: ChangesetPoint, _ extra: String)
        async throws
    {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels/main/fork", status: 202, headers: F.accepted("fork-1"))
        let creation = try await makeClient(stub).iModels.fork("main", into: "itwin-1", name: "Fork", upTo: point)
        #expect(creation.iModelId == "fork-1")
        let sent = try #require(stub.requests.first)
        #expect(sent.method == .post)
        #expect(sent.url.absoluteString == "\(F.base)/imodels/main/fork")
        expectIModelsHeaders(sent, hasBody: true)
        let body = try F.body(sent)
        #expect(
            body == (try F.json(#"{"iTwinId":"itwin-1","name":"Fork","preserveHistory":false\#(extra)}"#)))
        expectNoNullAndNotBoth(body)
        try stub.verify()
    }

    @Test(arguments: points)
    func forkWithPreserveHistorySendsTrue(_ point: ChangesetPoint, _ extra: String) async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels/main/fork", status: 202, headers: F.accepted("fork-1"))
        _ = try await makeClient(stub).iModels.fork(
            "main", into: "itwin-1", description: "Edits", upTo: point, preserveHistory: true)
        let body = try F.body(stub.requests.first)
        #expect(
            body == (try F.json(#"{"iTwinId":"itwin-1","description":"Edits","preserveHistory":true\#(extra)}"#)))
        expectNoNullAndNotBoth(body)
    }

    @Test(arguments: [-1, -42, Int.min])
    func aNegativeChangesetIndexIsRefusedBeforeSending(_ index: Int) async throws {
        let stub = StubTransport()
        let client = makeClient(stub)
        let cloneError = await captureError {
            _ = try await client.iModels.clone("src", into: "itwin-1", upTo: .changesetIndex(index))
        }
        let forkError = await captureError {
            _ = try await client.iModels.fork("main", into: "itwin-1", upTo: .changesetIndex(index))
        }
        for error in [cloneError, forkError] {
            guard case .invalidRequest(let reason)? = error else {
                Issue.record("expected invalidRequest, got \(String(describing: error))")
                continue
            }
            #expect(reason.contains("changesetIndex"))
        }
        #expect(stub.requests.isEmpty)
    }

    @Test func aBlankChangesetIdIsRefusedBeforeSending() async throws {
        let stub = StubTransport()
        let error = await captureError {
            _ = try await makeClient(stub).iModels.clone("src", into: "itwin-1", upTo: .changesetId(" "))
        }
        guard case .invalidRequest? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(stub.requests.isEmpty)
    }

    @Test(arguments: [("", "itwin-1"), ("src", " "), ("\n", "")])
    func blankIdsAreRefusedBeforeSending(_ source: String, _ iTwinId: String) async throws {
        let stub = StubTransport()
        let client = makeClient(stub)
        let cloneError = await captureError { _ = try await client.iModels.clone(source, into: iTwinId) }
        let forkError = await captureError { _ = try await client.iModels.fork(source, into: iTwinId) }
        for error in [cloneError, forkError] {
            guard case .invalidRequest? = error else {
                Issue.record("expected invalidRequest, got \(String(describing: error))")
                continue
            }
        }
        #expect(stub.requests.isEmpty)
    }

    @Test func createIModelSendsCreationModeEmpty() async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels", status: 201, json: F.iModel("created", name: "Target", state: "initialized"))
        let model = try await makeClient(stub).iModels.createIModel(
            in: "itwin-1", name: "Target", description: "Merge target")
        #expect(model.id == "created" && model.name == "Target" && model.state == .initialized)
        let sent = try #require(stub.requests.first)
        #expect(sent.method == .post)
        #expect(sent.url.absoluteString == "\(F.base)/imodels")
        expectIModelsHeaders(sent, hasBody: true)
        #expect(
            try F.body(sent)
                == (try F.json(
                    #"{"iTwinId":"itwin-1","name":"Target","description":"Merge target","creationMode":"empty"}"#)))
        try stub.verify()
    }

    @Test func createIModelWithoutADescriptionOmitsIt() async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels", status: 201, json: F.iModel("created", name: "Target"))
        _ = try await makeClient(stub).iModels.createIModel(in: "itwin-1", name: "Target")
        #expect(
            try F.body(stub.requests.first)
                == (try F.json(#"{"iTwinId":"itwin-1","name":"Target","creationMode":"empty"}"#)))
    }

    @Test(arguments: ["", "   "])
    func createIModelRefusesABlankName(_ name: String) async throws {
        let stub = StubTransport()
        let error = await captureError {
            _ = try await makeClient(stub).iModels.createIModel(in: "itwin-1", name: name)
        }
        guard case .invalidRequest? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(stub.requests.isEmpty)
    }

    @Test func parsedJSONComparisonTellsZeroFromFalse() throws {
        // The comparison these tests rely on must not treat `0` and `false` (or `"0"`) as equal.
        #expect(try F.json(#"{"a":0}"#) != (try F.json(#"{"a":false}"#)))
        #expect(try F.json(#"{"a":0}"#) != (try F.json(#"{"a":"0"}"#)))
        #expect(try F.json(#"{"a":0,"b":"x"}"#) == (try F.json(#"{ "b": "x", "a": 0 }"#)))
    }

    /// Names and descriptions are limited to 255 UTF-16 code units, as the TypeScript client and the .NET service
    /// count a string's length (the API pages say "255" without a unit): 128 "𝔸" (one character, two units each) are
    /// refused before sending, a family emoji counts 11 units, and 255 ASCII letters pass.
    @Test(arguments: [
        (String(repeating: "𝔸", count: 128), false), (String(repeating: "👨‍👩‍👧‍👦", count: 24), false),
        (String(repeating: "a", count: 255), true), (String(repeating: "é", count: 255), true),
    ])
    func namesAndDescriptionsAreCountedInUTF16Units(_ text: String, _ accepted: Bool) async throws {
        let stub = StubTransport()
        if accepted {
            for _ in 0..<2 { stub.enqueue(.post, "/imodels", status: 201, json: F.iModel("created", name: "Target")) }
        }
        let client = makeClient(stub)
        let byName = await captureError { _ = try await client.iModels.createIModel(in: "itwin-1", name: text) }
        let byDescription = await captureError {
            _ = try await client.iModels.createIModel(in: "itwin-1", name: "Target", description: text)
        }
        for error in [byName, byDescription] {
            if accepted {
                #expect(error == nil, "\(String(describing: error))")
            } else if case .invalidRequest? = error {
            } else {
                Issue.record("expected invalidRequest, got \(String(describing: error))")
            }
        }
        #expect(stub.requests.count == (accepted ? 2 : 0))
        try stub.verify()
    }
}
