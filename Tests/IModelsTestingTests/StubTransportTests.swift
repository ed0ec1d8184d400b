import Foundation
import IModelsClient
import IModelsTesting
import IModelsTestingTraits
import Testing

@Suite(.verifiesStubTransports) struct StubTransportTests {
    let base = "https://api.example.test"

    private func request(_ method: HTTPMethod, _ path: String, body: String? = nil) -> HTTPRequest {
        HTTPRequest(
            method: method, url: URL(string: base + path)!, headers: ["X-Probe": path],
            body: body.map { Data($0.utf8) })
    }

    private func text(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test func stubsOfOneRouteAnswerInTheOrderTheyWereAddedAndEachOnlyOnce() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/abc", status: 200, body: Data("first".utf8))
        stub.enqueue(.get, "/imodels/abc", status: 201, body: Data("second".utf8))
        let first = try await stub.send(request(.get, "/imodels/abc"))
        let second = try await stub.send(request(.get, "/imodels/abc"))
        #expect((first.status, text(first)) == (200, "first"))
        #expect((second.status, text(second)) == (201, "second"))
        #expect(stub.unusedStubs.isEmpty)
        try stub.verify()

        // Both stubs are used up: a third request is unexpected.
        let third = try await stub.send(request(.get, "/imodels/abc"))
        #expect(third.status == 501)
        #expect(stub.unexpectedRequests.map(\.url.path) == ["/imodels/abc"])
        #expect(throws: StubTransport.VerificationError.self) { try stub.verify() }
        #expect(stub.removeUnexpectedRequests().map(\.url.path) == ["/imodels/abc"])
        try stub.verify()
    }

    @Test func aStubMatchesOnlyItsMethodAndPath() async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels/abc/clone", status: 202)
        let wrongMethod = try await stub.send(request(.get, "/imodels/abc/clone"))
        let wrongPath = try await stub.send(request(.post, "/imodels/other/clone"))
        let longerPath = try await stub.send(request(.post, "/imodels/abc/clone/more"))
        #expect([wrongMethod, wrongPath, longerPath].map(\.status) == [501, 501, 501])
        #expect(stub.unusedStubs.count == 1)
        let right = try await stub.send(request(.post, "/imodels/abc/clone"))
        #expect(right.status == 202)
        #expect(stub.unusedStubs.isEmpty)
        #expect(stub.removeUnexpectedRequests().count == 3)
    }

    @Test func aRequestTakesTheFirstUnusedStubOfItsRouteWhateverWasAddedBefore() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/a", status: 200, body: Data("a".utf8))
        stub.enqueue(.get, "/imodels/*", status: 200, body: Data("any".utf8))
        stub.enqueue(.get, "/imodels/b", status: 200, body: Data("b".utf8))
        #expect(text(try await stub.send(request(.get, "/imodels/b"))) == "any")
        #expect(text(try await stub.send(request(.get, "/imodels/b"))) == "b")
        #expect(text(try await stub.send(request(.get, "/imodels/a"))) == "a")
        try stub.verify()
    }

    @Test func everyRequestIsRecordedInOrderUnexpectedOnesIncluded() async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels/abc/clone", status: 202)
        stub.enqueue(.get, "/imodels/abc", status: 200)
        let sent = [
            request(.post, "/imodels/abc/clone", body: #"{"iTwinId":"t"}"#),
            request(.delete, "/imodels/abc"),
            request(.get, "/imodels/abc"),
        ]
        for request in sent { _ = try await stub.send(request) }
        #expect(stub.requests == sent)
        #expect(stub.requests.first?.body == Data(#"{"iTwinId":"t"}"#.utf8))
        #expect(stub.requests.map { $0.headers["x-probe"] } == ["/imodels/abc/clone", "/imodels/abc", "/imodels/abc"])
        #expect(stub.removeUnexpectedRequests() == [sent[1]])
    }

    @Test func verifyPassesOnlyWhenEveryStubWasUsedAndNothingUnexpectedCame() async throws {
        let stub = StubTransport()
        try stub.verify()
        stub.enqueue(.get, "/imodels/abc", status: 200)
        #expect(throws: StubTransport.VerificationError.self) { try stub.verify() }
        _ = try await stub.send(request(.get, "/imodels/abc"))
        try stub.verify()
    }

    @Test func verifyNamesTheUnexpectedRequestsAndTheUnusedStubs() async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels/*/fork", status: 202)
        stub.enqueue(.get, "/imodels/abc", status: 200)
        _ = try await stub.send(request(.get, "/imodels/abc"))
        _ = try await stub.send(request(.delete, "/imodels/xyz"))
        let error = #expect(throws: StubTransport.VerificationError.self) { try stub.verify() }
        #expect(error?.unexpectedRequests == ["DELETE https://api.example.test/imodels/xyz"])
        #expect(error?.unusedStubs == ["POST /imodels/*/fork"])
        #expect(error?.description.contains("DELETE https://api.example.test/imodels/xyz") == true)
        #expect(error?.description.contains("POST /imodels/*/fork") == true)
        #expect(stub.removeUnexpectedRequests().map(\.description) == ["DELETE https://api.example.test/imodels/xyz"])
        #expect(stub.removeUnusedStubs().map(\.description) == ["POST /imodels/*/fork"])
        try stub.verify()
    }

    @Test func anUnexpectedRequestIsAnswered501AndThePipelineDoesNotRetryIt() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        let client = ITwinClient(
            configuration: Configuration(environment: .custom(URL(string: base)!), clock: clock),
            accessToken: { "token" }, transport: stub)
        let error: APIError
        do {
            _ = try await clock.run { try await client.iModels.createOperation(of: "abc") }
            Issue.record("expected an API error")
            return
        } catch ITwinClientError.api(let apiError) {
            error = apiError
        }
        #expect(error.status == 501)
        #expect(error.rawBodyText.contains("no stub for GET https://api.example.test/imodels/abc/operations/create"))
        #expect(stub.requests.count == 1)
        #expect(stub.removeUnexpectedRequests().count == 1)
        #expect(clock.recordedSleeps.isEmpty)
    }

    @Test func aFailureStubThrowsItsTransportFailure() async throws {
        let stub = StubTransport()
        let failure = TransportFailure(
            kind: .connectionLost, underlyingDescription: "lost", requestMayHaveReachedServer: true)
        stub.enqueue(.post, "/imodels/abc/clone", failure: failure)
        let thrown = await #expect(throws: TransportFailure.self) {
            _ = try await stub.send(request(.post, "/imodels/abc/clone"))
        }
        #expect(thrown == failure)
        #expect(stub.requests.count == 1)
        try stub.verify()
    }

    @Test func aHandlerStubComputesTheReplyFromTheRequest() async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels/*/clone") { request in
            HTTPResponse(status: 202, headers: ["Location": request.url.absoluteString], body: request.body ?? Data())
        }
        let response = try await stub.send(request(.post, "/imodels/abc/clone", body: "payload"))
        #expect(response.status == 202)
        #expect(response.headers["location"] == base + "/imodels/abc/clone")
        #expect(text(response) == "payload")
        try stub.verify()
    }

    @Test func jsonStubsSayApplicationJSONUnlessTheyGiveAContentType() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/a", status: 200, json: #"{"ok":true}"#)
        stub.enqueue(.get, "/b", status: 200, headers: ["content-type": "application/problem+json"], json: "{}")
        let plain = try await stub.send(request(.get, "/a"))
        let custom = try await stub.send(request(.get, "/b"))
        #expect(plain.headers["Content-Type"] == "application/json")
        #expect(text(plain) == #"{"ok":true}"#)
        #expect(custom.headers.values(for: "Content-Type") == ["application/problem+json"])
    }

    @Test func stubsGivenAtCreationAreUsedLikeEnqueuedOnes() async throws {
        let stub = StubTransport([
            .init(.get, "/a", reply: .response(HTTPResponse(status: 204))),
            .init(.get, "/a", reply: .response(HTTPResponse(status: 200))),
        ])
        #expect(stub.unusedStubs.map(\.description) == ["GET /a", "GET /a"])
        #expect(try await stub.send(request(.get, "/a")).status == 204)
        #expect(try await stub.send(request(.get, "/a")).status == 200)
        try stub.verify()
    }

    @Test func aCancelledTaskGetsCancellationErrorAndConsumesNothing() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/a", status: 200)
        let sent = request(.get, "/a")
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await stub.send(sent)
        }
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        #expect(stub.requests.isEmpty)
        #expect(stub.removeUnusedStubs().count == 1)
    }

    @Test func removingWhatATestExpectedLetsVerifyPassAndKeepsTheRequestLog() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/a", status: 200)
        stub.enqueue(.get, "/b", status: 200)
        _ = try await stub.send(request(.get, "/a"))
        _ = try await stub.send(request(.get, "/c"))
        #expect(stub.removeUnusedStubs().map(\.description) == ["GET /b"])
        #expect(throws: StubTransport.VerificationError.self) { try stub.verify() }
        #expect(stub.removeUnexpectedRequests().map(\.url.path) == ["/c"])
        try stub.verify()
        #expect(stub.requests.map(\.url.path) == ["/a", "/c"])
        #expect(stub.removeUnusedStubs().isEmpty && stub.removeUnexpectedRequests().isEmpty, "nothing is left")
    }

    @Test func concurrentRequestsEachConsumeADifferentStub() async throws {
        let stub = StubTransport()
        for index in 0..<100 { stub.enqueue(.get, "/imodels/*", status: 200, body: Data("\(index)".utf8)) }
        let answers = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<100 {
                group.addTask {
                    String(decoding: try await stub.send(request(.get, "/imodels/\(index)")).body, as: UTF8.self)
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(answers) == Set((0..<100).map(String.init)))
        #expect(stub.requests.count == 100)
        try stub.verify()
    }
}
