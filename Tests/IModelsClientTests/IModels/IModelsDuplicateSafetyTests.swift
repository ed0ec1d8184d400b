import Foundation
import IModelsClient
import IModelsTesting
import IModelsTestingTraits
import Testing

/// DESIGN.md "No duplicate iModels": after an unknown outcome a clone or fork is looked up before it is sent again.
/// Every test asserts the exact sequence of requests.
@Suite(.verifiesStubTransports) struct IModelsDuplicateSafetyTests {
    typealias F = IModelsFixtures

    /// Clone or fork, with what tells "ours" apart.
    enum Kind: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case clone, fork

        var testDescription: String { rawValue }
        var operation: String { self == .clone ? "cloneIModel" : "forkIModel" }
        var postPath: PathPattern { PathPattern("/imodels/src/\(rawValue)") }
        var post: String { "POST \(F.base)/imodels/src/\(rawValue)" }

        /// The create operation of an iModel copied from `source` in this way, up to `changesetId` (by default the
        /// changeset every test asks for).
        func operation(from source: String, state: String = "scheduled", changesetId: String = "cs-3") -> String {
            self == .clone
                ? F.createOperation(state, clonedFrom: source, changesetId: changesetId)
                : F.createOperation(state, forkedFrom: source, changesetId: changesetId)
        }

        /// The create operation of an iModel copied from `source` the other way.
        func otherKindOperation(from source: String) -> String {
            self == .clone
                ? F.createOperation("successful", forkedFrom: source, changesetId: "cs-3")
                : F.createOperation("successful", clonedFrom: source, changesetId: "cs-3")
        }

        func send(
            _ client: ITwinClient, name: String?, source: String = "src",
            upTo point: ChangesetPoint = .changesetId("cs-3")
        ) async throws -> IModelCreation {
            switch self {
            case .clone:
                return try await client.iModels.clone(source, into: "itwin-1", name: name, upTo: point)
            case .fork:
                return try await client.iModels.fork(source, into: "itwin-1", name: name, upTo: point)
            }
        }
    }

    static let conflict = #"{"error":{"code":"iModelExists","message":"iModel with the same name already exists."}}"#
    let list = "GET \(F.base)/imodels?iTwinId=itwin-1&name=Copy"

    private func operationLine(_ id: String) -> String { "GET \(F.base)/imodels/\(id)/operations/create" }

    private func expectCreation(
        _ creation: IModelCreation, _ id: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            creation
                == IModelCreation(
                    iModelId: id, iModelURL: URL(string: "\(F.base)/imodels/\(id)"),
                    createOperationURL: URL(string: "\(F.base)/imodels/\(id)/operations/create")),
            sourceLocation: sourceLocation)
    }

    /// Every POST carries the same body: the resend is the same request.
    private func expectSamePostBodies(_ stub: StubTransport, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let bodies = try stub.requests.filter { $0.method == .post }.map { try F.body($0) }
        #expect(Set(bodies).count == 1, sourceLocation: sourceLocation)
    }

    @Test(arguments: Kind.allCases)
    func aLostRequestWhoseCopyIsFoundIsNotSentAgain(_ kind: Kind) async throws {
        let stub = StubTransport()
        stub.enqueue(.post, kind.postPath, failure: connectionLost)
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["other", "ours"]))
        stub.enqueue(.get, "/imodels/other/operations/create", json: kind.operation(from: "another-source"))
        stub.enqueue(.get, "/imodels/ours/operations/create", json: kind.operation(from: "src"))
        let creation = try await kind.send(makeClient(stub), name: "Copy")
        expectCreation(creation, "ours")
        #expect(F.lines(stub) == [kind.post, list, operationLine("other"), operationLine("ours")])
        #expect(stub.requests[1].headers["Authorization"] == "Bearer \(testToken)")
        try stub.verify()
    }

    static let unknownOutcomes: [(String, StubTransport.Reply)] = [
        ("lost connection", .failure(connectionLost)),
        (
            "timeout",
            .failure(
                TransportFailure(
                    kind: .timedOut, underlyingDescription: "The request timed out.", requestMayHaveReachedServer: true)
            )
        ),
        ("500", .response(HTTPResponse(status: 500))),
        ("502", .response(HTTPResponse(status: 502))),
        ("504", .response(HTTPResponse(status: 504))),
        ("503 without Retry-After", .response(HTTPResponse(status: 503))),
    ]

    @Test(arguments: Kind.allCases, unknownOutcomes)
    func everyUnknownOutcomeStartsALookup(_ kind: Kind, _ outcome: (String, StubTransport.Reply)) async throws {
        let stub = StubTransport()
        stub.enqueue(StubTransport.Stub(.post, kind.postPath, reply: outcome.1))
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["ours"]))
        stub.enqueue(.get, "/imodels/ours/operations/create", json: kind.operation(from: "src"))
        let creation = try await kind.send(makeClient(stub), name: "Copy")
        #expect(creation.iModelId == "ours", "\(outcome.0)")
        #expect(F.lines(stub) == [kind.post, list, operationLine("ours")], "\(outcome.0)")
        try stub.verify()
    }

    @Test(arguments: Kind.allCases)
    func aLostRequestWithNoCopyFoundIsResentExactlyOnce(_ kind: Kind) async throws {
        let stub = StubTransport()
        stub.enqueue(.post, kind.postPath, failure: connectionLost)
        stub.enqueue(.get, "/imodels", json: F.iModelsPage([]))
        stub.enqueue(.post, kind.postPath, status: 202, headers: F.accepted("new-1"))
        let creation = try await kind.send(makeClient(stub), name: "Copy")
        expectCreation(creation, "new-1")
        #expect(F.lines(stub) == [kind.post, list, kind.post])
        try expectSamePostBodies(stub)
        try stub.verify()
    }

    @Test(arguments: Kind.allCases)
    func aCandidateCopiedTheOtherWayIsNotOurs(_ kind: Kind) async throws {
        let stub = StubTransport()
        stub.enqueue(.post, kind.postPath, failure: connectionLost)
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["twin"]))
        stub.enqueue(.get, "/imodels/twin/operations/create", json: kind.otherKindOperation(from: "src"))
        stub.enqueue(.post, kind.postPath, status: 202, headers: F.accepted("new-1"))
        let creation = try await kind.send(makeClient(stub), name: "Copy")
        #expect(creation.iModelId == "new-1")
        #expect(F.lines(stub) == [kind.post, list, operationLine("twin"), kind.post])
        try stub.verify()
    }

    @Test(arguments: Kind.allCases)
    func aSecondLostResendIsThrownWithoutAThirdSend(_ kind: Kind) async throws {
        let stub = StubTransport()
        stub.enqueue(.post, kind.postPath, failure: connectionLost)
        stub.enqueue(.get, "/imodels", json: F.iModelsPage([]))
        stub.enqueue(.post, kind.postPath, failure: connectionLost)
        let error = await captureError { _ = try await kind.send(makeClient(stub), name: "Copy") }
        guard case .transport(let failure)? = error else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(failure.requestMayHaveReachedServer && failure.operation == kind.operation)
        #expect(F.lines(stub) == [kind.post, list, kind.post])
        try stub.verify()
    }

    @Test(arguments: Kind.allCases)
    func withoutANameTheSourceNameIsLookedUp(_ kind: Kind) async throws {
        let stub = StubTransport()
        stub.enqueue(.post, kind.postPath, failure: connectionLost)
        stub.enqueue(.get, "/imodels/src", json: F.iModel("src", name: "Sun City Plant"))
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["ours"]))
        stub.enqueue(.get, "/imodels/ours/operations/create", json: kind.operation(from: "src"))
        let creation = try await kind.send(makeClient(stub), name: nil)
        expectCreation(creation, "ours")
        #expect(
            F.lines(stub) == [
                kind.post, "GET \(F.base)/imodels/src", "GET \(F.base)/imodels?iTwinId=itwin-1&name=Sun%20City%20Plant",
                operationLine("ours"),
            ])
        #expect(
            try F.body(stub.requests[0])
                == (try F.json(
                    kind == .clone
                        ? #"{"iTwinId":"itwin-1","changesetId":"cs-3"}"#
                        : #"{"iTwinId":"itwin-1","changesetId":"cs-3","preserveHistory":false}"#)))
        try stub.verify()
    }

    @Test(arguments: Kind.allCases)
    func aConflictOnTheResendForOurCopyReturnsOurCopy(_ kind: Kind) async throws {
        let stub = StubTransport()
        stub.enqueue(.post, kind.postPath, failure: connectionLost)
        stub.enqueue(.get, "/imodels", json: F.iModelsPage([]))  // not visible yet
        stub.enqueue(.post, kind.postPath, status: 409, json: Self.conflict)
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["ours"]))
        stub.enqueue(.get, "/imodels/ours/operations/create", json: kind.operation(from: "src"))
        let creation = try await kind.send(makeClient(stub), name: "Copy")
        expectCreation(creation, "ours")
        #expect(F.lines(stub) == [kind.post, list, kind.post, list, operationLine("ours")])
        try stub.verify()
    }

    @Test(arguments: Kind.allCases)
    func aConflictOnTheResendWithoutANameLooksUpTheSourceNameAgain(_ kind: Kind) async throws {
        let stub = StubTransport()
        stub.enqueue(.post, kind.postPath, failure: connectionLost)
        stub.enqueue(.get, "/imodels/src", json: F.iModel("src", name: "Main"))
        stub.enqueue(.get, "/imodels", json: F.iModelsPage([]))
        stub.enqueue(.post, kind.postPath, status: 409, json: Self.conflict)
        stub.enqueue(.get, "/imodels/src", json: F.iModel("src", name: "Main"))
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["ours"]))
        stub.enqueue(.get, "/imodels/ours/operations/create", json: kind.operation(from: "src"))
        let creation = try await kind.send(makeClient(stub), name: nil)
        #expect(creation.iModelId == "ours")
        let source = "GET \(F.base)/imodels/src"
        let byName = "GET \(F.base)/imodels?iTwinId=itwin-1&name=Main"
        #expect(F.lines(stub) == [kind.post, source, byName, kind.post, source, byName, operationLine("ours")])
        try stub.verify()
    }

    @Test(arguments: Kind.allCases)
    func aConflictOnTheResendForAnIModelFromAnotherSourceIsAnAPIError(_ kind: Kind) async throws {
        let stub = StubTransport()
        stub.enqueue(.post, kind.postPath, failure: connectionLost)
        stub.enqueue(.get, "/imodels", json: F.iModelsPage([]))
        stub.enqueue(.post, kind.postPath, status: 409, json: Self.conflict)
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["theirs"]))
        stub.enqueue(.get, "/imodels/theirs/operations/create", json: kind.operation(from: "another-source"))
        let error = await captureError { _ = try await kind.send(makeClient(stub), name: "Copy") }
        let api = try #require(error?.apiError, "expected an api error, got \(String(describing: error))")
        #expect(api.status == 409 && api.code == .iModelExists && api.operation == kind.operation)
        #expect(F.lines(stub) == [kind.post, list, kind.post, list, operationLine("theirs")])
        try stub.verify()
    }

    @Test(arguments: Kind.allCases)
    func aRefusedConnectionIsResentWithoutALookup(_ kind: Kind) async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.post, kind.postPath, failure: connectionRefused)
        stub.enqueue(.post, kind.postPath, status: 202, headers: F.accepted("new-1"))
        let client = makeClient(stub, clock: clock)
        let creation = try await clock.run { try await kind.send(client, name: "Copy") }
        expectCreation(creation, "new-1")
        #expect(F.lines(stub) == [kind.post, kind.post])
        #expect(clock.recordedSleeps.count == 1, "the retry waits one backoff")
        try expectSamePostBodies(stub)
        try stub.verify()
    }

    @Test(arguments: Kind.allCases)
    func aServiceUnavailableWithRetryAfterIsResentWithoutALookup(_ kind: Kind) async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.post, kind.postPath, status: 503, headers: ["Retry-After": "4"], json: "{}")
        stub.enqueue(.post, kind.postPath, status: 202, headers: F.accepted("new-1"))
        let client = makeClient(stub, clock: clock)
        let creation = try await clock.run { try await kind.send(client, name: "Copy") }
        #expect(creation.iModelId == "new-1")
        #expect(F.lines(stub) == [kind.post, kind.post])
        #expect(clock.recordedSleeps == [.seconds(4)])
        try stub.verify()
    }

    @Test(arguments: Kind.allCases)
    func aConflictOnTheFirstSendIsAnAPIErrorWithoutALookup(_ kind: Kind) async throws {
        let stub = StubTransport()
        stub.enqueue(.post, kind.postPath, status: 409, json: Self.conflict)
        let error = await captureError { _ = try await kind.send(makeClient(stub), name: "Copy") }
        let api = try #require(error?.apiError, "expected an api error, got \(String(describing: error))")
        #expect(api.status == 409 && api.code == .iModelExists)
        #expect(api.message == "iModel with the same name already exists.")
        #expect(F.lines(stub) == [kind.post])
        try stub.verify()
    }

    @Test(arguments: Kind.allCases)
    func aFailedLookupThrowsTheUnknownOutcomeWithoutResending(_ kind: Kind) async throws {
        let stub = StubTransport()
        stub.enqueue(.post, kind.postPath, failure: connectionLost)
        stub.enqueue(
            .get, "/imodels", status: 403,
            json: #"{"error":{"code":"InsufficientPermissions","message":"No imodels_webview."}}"#)
        let error = await captureError { _ = try await kind.send(makeClient(stub), name: "Copy") }
        guard case .transport(let failure)? = error else {
            Issue.record("expected the lost connection, got \(String(describing: error))")
            return
        }
        #expect(failure.kind == .connectionLost)
        #expect(F.lines(stub) == [kind.post, list], "an outcome still unknown is never resent")
        try stub.verify()
    }

    @Test(arguments: Kind.allCases)
    func theLookupFollowsEveryPageOfCandidates(_ kind: Kind) async throws {
        let stub = StubTransport()
        let next = "\(F.base)/imodels?iTwinId=itwin-1&name=Copy&$continuationToken=2"
        stub.enqueue(.post, kind.postPath, failure: connectionLost)
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["a"], next: next))
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["ours"]))
        stub.enqueue(.get, "/imodels/a/operations/create", json: kind.operation(from: "another-source"))
        stub.enqueue(.get, "/imodels/ours/operations/create", json: kind.operation(from: "src"))
        let creation = try await kind.send(makeClient(stub), name: "Copy")
        #expect(creation.iModelId == "ours")
        #expect(F.lines(stub) == [kind.post, list, "GET \(next)", operationLine("a"), operationLine("ours")])
        try stub.verify()
    }

    /// The services compare ids as GUIDs, without regard to case: a source id given in upper case is the source the
    /// create operation names in lower case (issue 17, defect 3).
    @Test(arguments: Kind.allCases)
    func anUpperCaseSourceIdFindsTheCopyItsCreateOperationNamesInLowerCase(_ kind: Kind) async throws {
        let upper = "5E19BEE0-5B4B-4C1B-9C7A-0D2E8F1A3B4C"
        let stub = StubTransport()
        stub.enqueue(.post, PathPattern("/imodels/\(upper)/\(kind.rawValue)"), failure: connectionLost)
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["ours"]))
        stub.enqueue(.get, "/imodels/ours/operations/create", json: kind.operation(from: upper.lowercased()))
        let creation = try await kind.send(makeClient(stub), name: "Copy", source: upper)
        expectCreation(creation, "ours")
        #expect(F.lines(stub).count == 3, "found without a resend")
        try stub.verify()
    }

    // MARK: - Issue 17, defect 1: a match must prove it answers this request

    /// The iTwin already holds "Copy", cloned from the same source a day earlier: after a lost answer the lookup does
    /// not take it for this request (it was created before the send), the resend's `409` is the caller's.
    @Test(arguments: Kind.allCases)
    func anOlderCopyOfTheSameSourceUnderTheNameIsNotTakenForThisRequest(_ kind: Kind) async throws {
        let stub = StubTransport()
        let yesterday = ["old": "2025-12-31T00:00:00Z"]
        stub.enqueue(.post, kind.postPath, failure: connectionLost)
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["old"], created: yesterday))
        stub.enqueue(.post, kind.postPath, status: 409, json: Self.conflict)
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["old"], created: yesterday))
        let error = await captureError { _ = try await kind.send(makeClient(stub), name: "Copy") }
        let api = try #require(error?.apiError, "expected the 409, got \(String(describing: error))")
        #expect(api.status == 409 && api.code == .iModelExists)
        #expect(F.lines(stub) == [kind.post, list, kind.post, list], "an iModel created before the send is not read")
        #expect(stub.requests[1].headers["Prefer"] == "return=representation", "the lookup reads createdDateTime")
        try stub.verify()
    }

    /// A copy of the source made since the send, but up to another changeset than asked, is not this request's.
    @Test(arguments: Kind.allCases)
    func aCopyUpToAnotherChangesetIsNotOurs(_ kind: Kind) async throws {
        let stub = StubTransport()
        stub.enqueue(.post, kind.postPath, failure: connectionLost)
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["twin"]))
        stub.enqueue(.get, "/imodels/twin/operations/create", json: kind.operation(from: "src", changesetId: "cs-1"))
        stub.enqueue(.post, kind.postPath, status: 202, headers: F.accepted("new-1"))
        let creation = try await kind.send(makeClient(stub), name: "Copy")
        expectCreation(creation, "new-1")
        #expect(F.lines(stub) == [kind.post, list, operationLine("twin"), kind.post])
        try stub.verify()
    }

    /// `.changesetIndex(n)` is checked against the id of the source's changeset `n`.
    @Test(arguments: Kind.allCases)
    func aChangesetIndexIsCheckedAgainstThatChangesetsId(_ kind: Kind) async throws {
        let stub = StubTransport()
        stub.enqueue(.post, kind.postPath, failure: connectionLost)
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["ours"]))
        stub.enqueue(.get, "/imodels/ours/operations/create", json: kind.operation(from: "src", changesetId: "cs-3"))
        stub.enqueue(.get, "/imodels/src/changesets/3", json: #"{"changeset":{"id":"CS-3","index":3}}"#)
        let creation = try await kind.send(makeClient(stub), name: "Copy", upTo: .changesetIndex(3))
        expectCreation(creation, "ours")
        #expect(
            F.lines(stub) == [kind.post, list, operationLine("ours"), "GET \(F.base)/imodels/src/changesets/3"])
        try stub.verify()
    }

    /// The changesets of the source, newest first, each with its push date.
    private func changesetsNewestFirst(_ changesets: [(id: String, index: Int, pushed: String)]) -> String {
        let items = changesets.map { #"{"id":"\#($0.id)","index":\#($0.index),"pushDateTime":"\#($0.pushed)"}"# }
        return #"{"changesets":[\#(items.joined(separator: ","))],"_links":{"next":null}}"#
    }

    private var latestChangesets: String {
        "GET \(F.base)/imodels/src/changesets?$orderBy=index%20desc"
    }

    /// `.latest` is the newest changeset pushed before the send: a copy of the one before it is not this request's.
    @Test(arguments: Kind.allCases)
    func aLatestCopyMissingAChangesetPushedBeforeTheSendIsNotOurs(_ kind: Kind) async throws {
        let stub = StubTransport()
        stub.enqueue(.post, kind.postPath, failure: connectionLost)
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["twin"]))
        stub.enqueue(.get, "/imodels/twin/operations/create", json: kind.operation(from: "src", changesetId: "cs-2"))
        stub.enqueue(
            .get, "/imodels/src/changesets",
            json: changesetsNewestFirst([("cs-3", 3, "2025-12-31T12:00:00Z"), ("cs-2", 2, "2025-12-30T12:00:00Z")]))
        stub.enqueue(.post, kind.postPath, status: 202, headers: F.accepted("new-1"))
        let creation = try await kind.send(makeClient(stub), name: "Copy", upTo: .latest)
        expectCreation(creation, "new-1")
        #expect(F.lines(stub) == [kind.post, list, operationLine("twin"), latestChangesets, kind.post])
        try stub.verify()
    }

    /// `.latest`: a copy of the newest changeset is this request's, and so is one that misses only a changeset pushed
    /// while the request was on its way.
    @Test(arguments: Kind.allCases)
    func aLatestCopyOfTheNewestChangesetAtTheSendIsOurs(_ kind: Kind) async throws {
        let stub = StubTransport()
        stub.enqueue(.post, kind.postPath, failure: connectionLost)
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["ours"]))
        stub.enqueue(.get, "/imodels/ours/operations/create", json: kind.operation(from: "src", changesetId: "cs-2"))
        stub.enqueue(
            .get, "/imodels/src/changesets",
            json: changesetsNewestFirst([("cs-3", 3, F.clockStart), ("cs-2", 2, "2025-12-30T12:00:00Z")]))
        let creation = try await kind.send(makeClient(stub), name: "Copy", upTo: .latest)
        expectCreation(creation, "ours")
        #expect(F.lines(stub) == [kind.post, list, operationLine("ours"), latestChangesets])
        try stub.verify()
    }
}
