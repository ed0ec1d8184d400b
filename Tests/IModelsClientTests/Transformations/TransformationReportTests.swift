import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

/// The report (its request and the documented example) and its download: on another origin, without the token,
/// https only, size-capped; API links keep the same-origin rule.
@Suite(.verifiesStubTransports) struct TransformationReportTests {
    /// The v1 Get report page's example (https://developer.bentley.com/apis/transformations/operations/get-report).
    static let example = #"""
        { "reports": [{
            "id": "4WVKWXTNlEevnPTTg3M381C93mAZEGZDK88I3YJMAJk",
            "transformationId": "00000000-0000-0000-0000-000000000000",
            "configurationId": "00000000-0000-0000-0000-000000000000",
            "targetIModelId": "00000000-0000-0000-0000-000000000000",
            "_links": { "download": { "href": "https://example.com/00000000-0000-0000-0000-000000000000/00000000-0000-0000-0000-000000000000/00000000-0000-0000-0000-000000000000?sv=2019-07-07&sr=b&sig=**removed**&st=2021-07-30T10%3A53%3A09.5224547Z&se=2021-07-30T11%3A13%3A09.5224552Z&sp=r" } } }] }
        """#

    static func report(_ href: String?) -> TransformationReport {
        TransformationReport(id: "r", links: .init(download: href.map(Link.init)))
    }

    /// Records that it ran and adds a header: it must not run for a download.
    struct MarkingMiddleware: ClientMiddleware {
        let calls: Locked<Int>
        func intercept(
            _ request: HTTPRequest, operation: String,
            next: @Sendable (HTTPRequest) async throws -> HTTPResponse
        ) async throws -> HTTPResponse {
            calls.withLock { $0 += 1 }
            var request = request
            request.headers["X-Middleware-Auth"] = "secret"
            return try await next(request)
        }
    }

    @Test func theDocumentedExampleDecodes() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/transformations/reports", json: Self.example)
        let reports = try await makeClient(stub).transformations.reports(of: "run 1")
        let sent = try #require(stub.requests.first)
        #expect(sent.method == .get)
        #expect(sent.url.path == "/transformations/reports")
        #expect(sent.url.query == "transformationId=run%201")
        #expect(sent.headers["Accept"] == "application/vnd.bentley.itwin-platform.v1+json")
        #expect(sent.headers["Authorization"] == "Bearer \(testToken)")
        let report = try #require(reports.first)
        #expect(report.id == "4WVKWXTNlEevnPTTg3M381C93mAZEGZDK88I3YJMAJk")
        #expect(report.transformationId == ConfigurationTypesTests.zero)
        #expect(report.configurationId == ConfigurationTypesTests.zero)
        #expect(report.targetIModelId == ConfigurationTypesTests.zero)
        #expect(report.downloadURL?.host == "example.com")
        let again = try JSONDecoder().decode(TransformationReport.self, from: try JSONEncoder().encode(report))
        #expect(again == report)
    }

    @Test func aMissingListIsNoReport() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/transformations/reports", json: #"{"reports":null}"#)
        #expect(try await makeClient(stub).transformations.reports(of: "r").isEmpty)
        let error = await captureError { _ = try await makeClient(stub).transformations.reports(of: " ") }
        guard case .invalidRequest? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
    }

    @Test func theDownloadGoesToTheLinkWithoutTokenHeadersOrMiddlewares() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/reports/r1/report.json", json: #"{"ok":true}"#)
        let calls = Locked(0)
        let configuration = Configuration(
            environment: .custom(URL(string: "https://api.example.test")!), clock: VirtualClock(),
            requestTimeout: .seconds(30), additionalHeaders: ["X-Api-Key": "secret"],
            middlewares: [MarkingMiddleware(calls: calls)])
        let client = ITwinClient(configuration: configuration, accessToken: { testToken }, transport: stub)
        let data = try await client.transformations.downloadReport(
            Self.report("https://storage.example.net/reports/r1/report.json?se=2030-01-01&sig=abc"))
        #expect(String(decoding: data, as: UTF8.self) == #"{"ok":true}"#)
        let sent = try #require(stub.requests.first)
        #expect(sent.url.host == "storage.example.net")
        #expect(sent.url.query == "se=2030-01-01&sig=abc")
        #expect(sent.headers["Authorization"] == nil)
        #expect(sent.headers["X-Api-Key"] == nil)
        #expect(sent.headers["X-Middleware-Auth"] == nil)
        #expect(sent.headers["X-Correlation-Id"] == nil)
        #expect(sent.timeout == .seconds(30))
        #expect(sent.operation == "downloadTransformationReport")
        #expect(calls.withLock { $0 } == 0)
        #expect(!String(describing: sent).contains(testToken))
    }

    @Test func aBodyOverTheLimitIsATypedError() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/big", body: Data(repeating: 0x41, count: 11))
        stub.enqueue(.get, "/announced", headers: ["Content-Length": "100"], body: Data("tiny".utf8))
        let client = makeClient(stub)
        for path in ["/big", "/announced"] {
            let error = await captureError {
                _ = try await client.transformations.downloadReport(
                    Self.report("https://storage.example.net\(path)"), maximumSize: 10)
            }
            guard case .transport(let failure)? = error else {
                Issue.record("expected a transport failure, got \(String(describing: error))")
                continue
            }
            #expect(failure.kind == .responseTooLarge)
            #expect(failure.operation == "downloadTransformationReport")
        }
        stub.enqueue(.get, "/ok", body: Data("four".utf8))
        let exact = try await client.transformations.downloadReport(
            Self.report("https://storage.example.net/ok"), maximumSize: 4)
        #expect(exact == Data("four".utf8))
    }

    @Test func anExpiredLinkIsTheStoragesAnswer() async throws {
        let stub = StubTransport()
        let xml = "<?xml version=\"1.0\"?><Error><Code>AuthenticationFailed</Code></Error>"
        stub.enqueue(.get, "/reports/r1/report.json", status: 403, body: Data(xml.utf8))
        let error = await captureError {
            _ = try await makeClient(stub).transformations.downloadReport(
                Self.report("https://storage.example.net/reports/r1/report.json?sig=abc"))
        }
        guard case .api(let api)? = error else {
            Issue.record("expected an api error, got \(String(describing: error))")
            return
        }
        #expect(api.status == 403)
        #expect(api.operation == "downloadTransformationReport")
        #expect(api.rawBodyText.contains("AuthenticationFailed"))
        #expect(stub.requests.count == 1)
    }

    /// A download is a GET: a throttled answer is sent again after its `Retry-After`, a lost connection after a
    /// backoff, each time without the token; the expired link's `403` above is not retried.
    @Test func aThrottledOrLostDownloadIsSentAgain() async throws {
        let stub = StubTransport()
        let path: PathPattern = "/reports/r1/report.json"
        stub.enqueue(.get, path, status: 503, headers: ["Retry-After": "7"])
        stub.enqueue(
            .get, path,
            failure: TransportFailure(
                operation: "", kind: .connectionLost, underlyingDescription: "reset",
                requestMayHaveReachedServer: true))
        stub.enqueue(.get, path, body: Data("content".utf8))
        let clock = VirtualClock()
        let client = makeClient(stub, clock: clock)
        let started = clock.now
        let data = try await clock.run {
            try await client.transformations.downloadReport(
                Self.report("https://storage.example.net/reports/r1/report.json?sig=abc"))
        }
        #expect(data == Data("content".utf8))
        #expect(stub.requests.count == 3)
        #expect(stub.requests.allSatisfy { $0.headers["Authorization"] == nil })
        #expect(clock.now.timeIntervalSince(started) >= 7, "the Retry-After was not honoured")
    }

    @Test(arguments: [
        "http://storage.example.net/r?sig=secret", "ftp://storage.example.net/r?sig=secret", "/relative?sig=secret",
    ])
    func onlyHttpsOrLoopbackHttpIsFetched(_ href: String) async throws {
        let stub = StubTransport()
        let error = await captureError {
            _ = try await makeClient(stub).transformations.downloadReport(Self.report(href))
        }
        guard case .untrustedURL(let url)? = error else {
            Issue.record("expected untrustedURL, got \(String(describing: error))")
            return
        }
        #expect(!url.absoluteString.contains("secret"))
        #expect(stub.requests.isEmpty)
    }

    @Test func loopbackHttpIsFetchedForTests() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/r", body: Data("x".utf8))
        let data = try await makeClient(stub).transformations.downloadReport(Self.report("http://127.0.0.1:8080/r"))
        #expect(data == Data("x".utf8))
    }

    @Test func aReportWithoutALinkIsRefused() async throws {
        let stub = StubTransport()
        let error = await captureError {
            _ = try await makeClient(stub).transformations.downloadReport(Self.report(nil))
        }
        guard case .invalidRequest? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(stub.requests.isEmpty)
    }

    /// The download does not open the API to foreign links: a run list whose next page is on the storage origin is
    /// refused, and the token goes nowhere but the API.
    @Test func apiLinksStillRefuseForeignOrigins() async throws {
        let stub = StubTransport()
        stub.enqueue(
            .get, "/transformations/",
            json:
                #"{"transformations":[{"id":"r1","status":"Succeeded"}],"_links":{"next":{"href":"https://storage.example.net/transformations/?page=2"}}}"#
        )
        let error = await captureError {
            _ = try await makeClient(stub).transformations.transformations(of: "c1").collect()
        }
        guard case .untrustedURL(let url)? = error else {
            Issue.record("expected untrustedURL, got \(String(describing: error))")
            return
        }
        #expect(url.host == "storage.example.net")
        #expect(stub.requests.count == 1)
        #expect(stub.requests.allSatisfy { $0.url.host == "api.example.test" })
    }
}
