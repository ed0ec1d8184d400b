import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

@Suite(.verifiesStubTransports) struct SecurityTests {
    @Test(arguments: ["http://api.example.test", "http://10.0.0.1:8080", "ftp://api.example.test"])
    func plainHTTPToANonLoopbackHostIsRefused(_ base: String) async throws {
        let stub = StubTransport()
        let client = makeClient(stub, baseURL: URL(string: base)!)
        let error = await captureError { _ = try await client.pipeline.send(getEndpoint()) }
        guard case .untrustedURL? = error else {
            Issue.record("expected untrustedURL, got \(String(describing: error))")
            return
        }
        #expect(stub.requests.isEmpty)
    }

    @Test(arguments: [
        "http://127.0.0.1:8080", "http://localhost:9000", "http://[::1]:8000", "https://api.example.test",
    ])
    func httpsAndLoopbackBaseURLsAreAccepted(_ base: String) async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 200, json: "{}")
        let client = makeClient(stub, baseURL: URL(string: base)!)
        _ = try await client.pipeline.send(getEndpoint())
        #expect(stub.requests.first?.url.absoluteString.hasPrefix(base) == true)
    }

    @Test(arguments: [
        "https://evil.example.test/imodels?page=2", "http://api.example.test/imodels?page=2",
        "https://api.example.test:8443/imodels?page=2", "https://api.example.test.evil.test/imodels",
    ])
    func aLinkOnAnotherOriginIsUntrustedAndNeverSent(_ link: String) async throws {
        let stub = StubTransport()
        let client = makeClient(stub)
        let endpoint = Endpoint(
            operation: "listIModels", api: .iModels, method: .get, target: .link(URL(string: link)!))
        let error = await captureError { _ = try await client.pipeline.send(endpoint) }
        guard case .untrustedURL(let url)? = error else {
            Issue.record("expected untrustedURL, got \(String(describing: error))")
            return
        }
        #expect(url.absoluteString == link)
        #expect(stub.requests.isEmpty)
    }

    /// The real `_links.next` of a list, through the public API: the first page is read, the foreign link is refused.
    @Test func aNextLinkOnAnotherHostEndsThePagingWithUntrustedURLAndIsNeverSent() async throws {
        let evil = "https://evil.example.test/imodels/abc/changesets?$continuationToken=x"
        let stub = StubTransport()
        stub.enqueue(
            .get, "/imodels/abc/changesets", status: 200,
            json: #"{"changesets":[{"id":"c1","index":1}],"_links":{"next":{"href":"\#(evil)"}}}"#)
        let client = makeClient(stub)
        var indexes: [Int] = []
        let error = await captureError {
            for try await changeset in client.iModels.changesets(of: "abc") { indexes.append(changeset.index) }
        }
        guard case .untrustedURL(let url)? = error else {
            Issue.record("expected untrustedURL, got \(String(describing: error))")
            return
        }
        #expect(url.absoluteString == evil)
        #expect(indexes == [1])
        #expect(stub.requests.map(\.url.host) == ["api.example.test"])
        try stub.verify()
    }

    @Test func aLinkOnTheSameOriginIsFollowedVerbatim() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels", status: 200, json: "{}")
        let client = makeClient(stub)
        let link = URL(string: "https://API.example.test:443/imodels?iTwinId=x&$continuationToken=abc")!
        _ = try await client.pipeline.send(
            Endpoint(operation: "listIModels", api: .iModels, method: .get, target: .link(link)))
        #expect(stub.requests.first?.url == link)
    }

    @Test(arguments: [
        ("a/b", "a%2Fb"), ("a?b", "a%3Fb"), ("a#b", "a%23b"), ("..", "%2E%2E"), (".", "%2E"), ("a b", "a%20b"),
        ("../../admin", "..%2F..%2Fadmin"), ("x%2Fy", "x%252Fy"),
    ])
    func idsStayOneEncodedSegment(_ id: String, _ encoded: String) async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/*/operations/create", status: 200, json: "{}")
        let client = makeClient(stub)
        _ = try await client.pipeline.send(getEndpoint(id))
        let url = try #require(stub.requests.first?.url)
        #expect(url.absoluteString == "https://api.example.test/imodels/\(encoded)/operations/create")
        let components = try #require(URLComponents(url: url, resolvingAgainstBaseURL: false))
        #expect(components.percentEncodedPath.split(separator: "/").count == 4)
        #expect(components.query == nil && components.fragment == nil)
    }

    @Test(arguments: ["", " ", "\n\t"])
    func blankIdsAreRefusedBeforeSending(_ id: String) async throws {
        let stub = StubTransport()
        let client = makeClient(stub)
        let error = await captureError { _ = try await client.pipeline.send(getEndpoint(id)) }
        guard case .invalidRequest(let reason)? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("iModelId"))
        #expect(stub.requests.isEmpty)
    }

    /// A clone answered 2xx without `Location` (an echo page of a misconfigured proxy, repeating the request's
    /// headers) is a decoding error whose raw body and description do not carry the token.
    @Test func aCloneAnswerWithoutLocationThatEchoesTheTokenDoesNotLeakIt() async throws {
        let stub = StubTransport()
        stub.enqueue(
            .post, "/imodels/src/clone", status: 200, headers: ["Content-Type": "text/plain"],
            body: Data("Echo: POST /imodels/src/clone\nAuthorization: Bearer \(testToken)\n".utf8))
        let client = makeClient(stub)
        let error = await captureError { _ = try await client.iModels.clone("src", into: "twin", name: "Copy") }
        guard case .decoding(let failure)? = error else {
            Issue.record("expected a decoding error, got \(String(describing: error))")
            return
        }
        #expect(failure.reason == "the Location header is missing")
        #expect(failure.rawBodyText.contains("<redacted>"))
        for text in [failure.rawBodyText, String(describing: error), String(reflecting: error)] {
            #expect(!text.contains(testToken), "token leaked: \(text)")
        }
    }

    @Test func theTokenNeverAppearsInErrorsOrLogEvents() async throws {
        let echo = #"{"error":{"code":"Echo","message":"You sent Bearer \#(testToken)"}}"#
        let stub = StubTransport()
        let log = LogRecorder()
        stub.enqueue(.get, "/imodels/a/operations/create", status: 400, json: echo)
        stub.enqueue(
            .get, "/imodels/b/operations/create",
            failure: TransportFailure(
                kind: .other, underlyingDescription: "proxy said Authorization: Bearer \(testToken)",
                requestMayHaveReachedServer: false))
        stub.enqueue(.get, "/imodels/b/operations/create", status: 200, json: "not json \(testToken)")
        let clock = VirtualClock()
        let client = makeClient(stub, clock: clock, retryPolicy: RetryPolicy(maxAttempts: 2), log: log)
        var errors: [any Error] = []
        for id in ["a", "b"] {
            do {
                _ = try await clock.run { try await client.pipeline.send(getEndpoint(id), as: [String: String].self) }
            } catch {
                errors.append(error)
            }
        }
        errors.append(ITwinClientError.transport(connectionLost))
        #expect(errors.count == 3)
        #expect(log.all.count == 3)
        let texts =
            errors.flatMap { [String(describing: $0), String(reflecting: $0), $0.localizedDescription] }
            + log.all.flatMap { [String(describing: $0), String(reflecting: $0), $0.requestHeaders.description] }
        for text in texts {
            #expect(!text.contains(testToken), "token leaked: \(text)")
        }
        #expect(log.all.allSatisfy { $0.requestHeaders["Authorization"] == "<redacted>" })
        #expect(stub.requests.allSatisfy { $0.headers["Authorization"] == "Bearer \(testToken)" })
    }
}
