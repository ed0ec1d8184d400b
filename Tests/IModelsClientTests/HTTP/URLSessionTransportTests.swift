import Foundation
import IModelsClient
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `URLSessionTransport` against the real HTTP server of `loopback_server.py` (one server for the suite).
@Suite(.loopbackServer) struct URLSessionTransportTests {
    /// What `/echo` answers: the request as the server saw it.
    struct Echo: Decodable {
        var method: String
        var path: String
        var query: [String: [String]]
        var headers: [String: String]
        var body: String
        /// The client's port: requests on one connection share it.
        var clientPort: Int

        /// The header's value, name compared without case.
        func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }
    }

    /// Redirect targets on another origin.
    enum OtherOrigin: String, CaseIterable, CustomTestStringConvertible {
        case otherHost
        case otherPort

        func echoURL(_ ports: LoopbackServer.Ports) -> URL {
            self == .otherHost ? ports.otherHostURL("/echo") : ports.otherPortURL("/echo")
        }

        var testDescription: String { rawValue }
    }

    static let token = "Bearer secret-token"

    static func decodeEcho(_ response: HTTPResponse) throws -> Echo {
        try JSONDecoder().decode(Echo.self, from: response.body)
    }

    /// `/redirect` on the primary origin, answering `code` with `Location: target`.
    static func redirect(_ ports: LoopbackServer.Ports, code: Int = 302, to target: String) -> URL {
        var components = URLComponents(url: ports.primaryURL("/redirect"), resolvingAgainstBaseURL: false)!
        components.queryItems = [URLQueryItem(name: "code", value: "\(code)"), URLQueryItem(name: "to", value: target)]
        return components.url!
    }

    // MARK: Statuses, headers and bodies

    @Test(arguments: [200, 404, 500])
    func everyStatusIsAResponse(status: Int) async throws {
        let ports = try LoopbackServer.ports()
        let response = try await URLSessionTransport().send(
            HTTPRequest(method: .get, url: ports.primaryURL("/status/\(status)?body=status-\(status)"))
        )
        #expect(response.status == status)
        #expect(String(decoding: response.body, as: UTF8.self) == "status-\(status)")
    }

    @Test func methodHeadersQueryAndBodyArrive() async throws {
        let ports = try LoopbackServer.ports()
        let body = #"{"name":"Copy","text":"\#(String(repeating: "x", count: 100_000))"}"#
        let request = HTTPRequest(
            method: .post,
            url: ports.primaryURL("/echo?top=10&name=a%20b"),
            headers: [
                "Content-Type": "application/json",
                "X-Correlation-Id": "corr-123",
                "Accept": "application/vnd.bentley.itwin-platform.v2+json",
                "Authorization": Self.token,
            ],
            body: Data(body.utf8)
        )
        let echo = try Self.decodeEcho(try await URLSessionTransport().send(request))
        #expect(echo.method == "POST")
        #expect(echo.path == "/echo")
        #expect(echo.query == ["top": ["10"], "name": ["a b"]])
        #expect(echo.header("Content-Type") == "application/json")
        #expect(echo.header("X-Correlation-Id") == "corr-123")
        #expect(echo.header("Accept") == "application/vnd.bentley.itwin-platform.v2+json")
        #expect(echo.header("Authorization") == Self.token)
        #expect(echo.body == body)
    }

    @Test(arguments: [HTTPMethod.get, .put, .patch, .delete])
    func otherMethodsArrive(method: HTTPMethod) async throws {
        let ports = try LoopbackServer.ports()
        let body = method == .get ? nil : Data("payload".utf8)
        let response = try await URLSessionTransport().send(
            HTTPRequest(method: method, url: ports.primaryURL("/echo"), body: body)
        )
        let echo = try Self.decodeEcho(response)
        #expect(echo.method == method.rawValue)
        #expect(echo.body == (body == nil ? "" : "payload"))
    }

    @Test func responseHeadersAreReadWithoutCase() async throws {
        let ports = try LoopbackServer.ports()
        let url = ports.primaryURL(
            "/status/429?header=ITwinPlatform-RateLimited-Tier:trial&header=Retry-After:7"
                + "&header=X-Correlation-Id:corr-9&body=slow%20down"
        )
        let response = try await URLSessionTransport().send(HTTPRequest(method: .get, url: url))
        #expect(response.status == 429)
        #expect(response.headers["itwinplatform-ratelimited-tier"] == "trial")
        #expect(response.headers["ITWINPLATFORM-RATELIMITED-TIER"] == "trial")
        #expect(response.headers["ITwinPlatform-RateLimited-Tier"] == "trial")
        #expect(response.headers["retry-after"] == "7")
        #expect(response.headers["rEtRy-AfTeR"] == "7")
        #expect(response.headers["x-correlation-id"] == "corr-9")
        #expect(response.headers["Content-Length"] == "9")
        #expect(String(decoding: response.body, as: UTF8.self) == "slow down")
    }

    @Test func scriptedSequenceAnswersInOrderAndCountsRequests() async throws {
        let ports = try LoopbackServer.ports()
        let transport = URLSessionTransport()
        let script = #"[{"status": 429, "headers": {"Retry-After": "1"}, "body": "{}"}, {"status": 200, "body": "ok"}]"#
        _ = try await transport.send(
            HTTPRequest(method: .post, url: ports.primaryURL("/script/retry-after"), body: Data(script.utf8))
        )
        let url = ports.primaryURL("/sequence/retry-after")
        let first = try await transport.send(HTTPRequest(method: .get, url: url, headers: ["X-Attempt": "1"]))
        let second = try await transport.send(HTTPRequest(method: .get, url: url, headers: ["X-Attempt": "2"]))
        #expect(first.status == 429)
        #expect(first.headers["retry-after"] == "1")
        #expect(second.status == 200)
        #expect(String(decoding: second.body, as: UTF8.self) == "ok")

        struct Count: Decodable {
            var count: Int
            var requests: [Echo.Partial]
        }
        let count = try JSONDecoder().decode(
            Count.self,
            from: try await transport.send(HTTPRequest(method: .get, url: ports.primaryURL("/count/retry-after"))).body
        )
        #expect(count.count == 2)
        #expect(count.requests.map { $0.headers["X-Attempt"] } == ["1", "2"])
    }

    // MARK: Failures

    @Test func aTimeoutIsTimedOutAndMayHaveReachedTheServer() async throws {
        let ports = try LoopbackServer.ports()
        let request = HTTPRequest(
            method: .get,
            url: ports.primaryURL("/slow?seconds=30"),
            headers: ["Authorization": Self.token],
            timeout: .milliseconds(500)
        )
        let started = ContinuousClock.now
        let failure = await #expect(throws: TransportFailure.self) {
            try await URLSessionTransport().send(request)
        }
        let elapsed = ContinuousClock.now - started
        #expect(failure?.kind == .timedOut)
        #expect(failure?.requestMayHaveReachedServer == true)
        // Never sooner than asked; the ceiling is generous (a loaded machine is slow) but far below the server's 30 s.
        #expect(elapsed >= .milliseconds(450) && elapsed < .seconds(10), "took \(elapsed)")
        #expect(!String(describing: failure).contains("secret-token"))
    }

    @Test func aConnectionClosedMidResponseIsLost() async throws {
        let ports = try LoopbackServer.ports()
        let failure = await #expect(throws: TransportFailure.self) {
            try await URLSessionTransport().send(
                HTTPRequest(method: .get, url: ports.primaryURL("/close-mid-response"))
            )
        }
        #expect(failure?.kind == .connectionLost)
        #expect(failure?.requestMayHaveReachedServer == true)
    }

    @Test func aConnectionClosedWithoutAnswerIsLost() async throws {
        let ports = try LoopbackServer.ports()
        let failure = await #expect(throws: TransportFailure.self) {
            try await URLSessionTransport().send(
                HTTPRequest(method: .post, url: ports.primaryURL("/close-without-response"), body: Data("{}".utf8))
            )
        }
        #expect(failure?.kind == .connectionLost)
        #expect(failure?.requestMayHaveReachedServer == true)
    }

    @Test func aRefusedConnectionWasNotSent() async throws {
        let ports = try LoopbackServer.ports()
        let request = HTTPRequest(
            method: .post,
            url: URL(string: "http://127.0.0.1:\(ports.closedPort)/imodels/clone")!,
            headers: ["Authorization": Self.token],
            body: Data("{}".utf8),
            operation: "cloneIModel"
        )
        let failure = await #expect(throws: TransportFailure.self) {
            try await URLSessionTransport().send(request)
        }
        #expect(failure?.kind == .cannotConnect)
        #expect(failure?.requestMayHaveReachedServer == false)
        #expect(failure?.operation == "cloneIModel")
        #expect(!String(describing: failure).contains("secret-token"))
    }

    // MARK: Redirects

    @Test(arguments: OtherOrigin.allCases, [301, 302, 303, 307, 308])
    func aRedirectToAnotherOriginDropsAuthorization(origin: OtherOrigin, code: Int) async throws {
        let ports = try LoopbackServer.ports()
        let target = origin.echoURL(ports)
        let request = HTTPRequest(
            method: .get,
            url: Self.redirect(ports, code: code, to: target.absoluteString),
            headers: ["Authorization": Self.token, "X-Correlation-Id": "corr-1"]
        )
        let response = try await URLSessionTransport().send(request)
        #expect(response.status == 200)
        let echo = try Self.decodeEcho(response)
        #expect(echo.header("Host") == "\(target.host!):\(target.port!)")
        #expect(echo.header("Authorization") == nil)
        #expect(echo.header("X-Correlation-Id") == "corr-1")
    }

    @Test(arguments: OtherOrigin.allCases)
    func aRedirectToAnotherOriginDropsAuthorizationWithACallersConfiguration(origin: OtherOrigin) async throws {
        let ports = try LoopbackServer.ports()
        let configuration = URLSessionConfiguration.default
        configuration.timeoutIntervalForRequest = 5
        configuration.httpAdditionalHeaders = ["X-Harmless": "yes"]
        let target = origin.echoURL(ports)
        let request = HTTPRequest(
            method: .get,
            url: Self.redirect(ports, to: target.absoluteString),
            headers: ["authorization": Self.token]
        )
        let response = try await URLSessionTransport(configuration: configuration).send(request)
        let echo = try Self.decodeEcho(response)
        #expect(echo.header("Host") == "\(target.host!):\(target.port!)")
        #expect(echo.header("Authorization") == nil)
        #expect(echo.header("X-Harmless") == "yes")
    }

    @Test func anAuthorizationInTheConfigurationIsNeverSent() async throws {
        let ports = try LoopbackServer.ports()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpAdditionalHeaders = ["Authorization": "Bearer from-configuration", "X-Harmless": "yes"]
        let transport = URLSessionTransport(configuration: configuration)
        let redirected = try Self.decodeEcho(
            try await transport.send(
                HTTPRequest(
                    method: .get,
                    url: Self.redirect(ports, to: ports.otherHostURL("/echo").absoluteString),
                    headers: ["Authorization": Self.token]
                )
            )
        )
        #expect(redirected.header("Authorization") == nil)
        #expect(redirected.header("X-Harmless") == "yes")
        #expect(configuration.httpAdditionalHeaders?["Authorization"] as? String == "Bearer from-configuration")
    }

    @Test(arguments: ["absolute", "relative", "uppercase-scheme"])
    func aSameOriginRedirectKeepsAuthorization(location: String) async throws {
        let ports = try LoopbackServer.ports()
        let target: String
        switch location {
        case "absolute": target = ports.primaryURL("/echo?after=redirect").absoluteString
        case "relative": target = "/echo?after=redirect"
        default: target = "HTTP://127.0.0.1:\(ports.primary)/echo?after=redirect"
        }
        let response = try await URLSessionTransport().send(
            HTTPRequest(method: .get, url: Self.redirect(ports, to: target), headers: ["Authorization": Self.token])
        )
        let echo = try Self.decodeEcho(response)
        #expect(echo.path == "/echo")
        #expect(echo.query == ["after": ["redirect"]])
        #expect(echo.header("Authorization") == Self.token)
    }

    @Test func aRedirectToAnotherSchemeIsRefused() async throws {
        let ports = try LoopbackServer.ports()
        let failure = await #expect(throws: TransportFailure.self) {
            try await URLSessionTransport().send(
                HTTPRequest(
                    method: .get,
                    url: Self.redirect(ports, to: "ftp://127.0.0.2:\(ports.otherHost)/secret?sig=abc"),
                    headers: ["Authorization": Self.token]
                )
            )
        }
        #expect(failure?.kind == .redirectRefused)
        #expect(failure?.requestMayHaveReachedServer == true)
        #expect(!String(describing: failure).contains("sig=abc"))
    }

    // MARK: Cancellation and shutdown

    @Test func cancellingTheTaskCancelsTheRequest() async throws {
        let ports = try LoopbackServer.ports()
        let transport = URLSessionTransport()
        let task = Task {
            try await transport.send(HTTPRequest(method: .get, url: ports.primaryURL("/slow?seconds=30")))
        }
        try await Task.sleep(for: .milliseconds(300))
        let cancelled = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        let elapsed = ContinuousClock.now - cancelled
        // A generous ceiling for a loaded machine, far below the server's 30 s.
        #expect(elapsed < .seconds(10), "took \(elapsed)")
    }

    @Test func cancellingATimedRequestThrowsCancellationNotTimeout() async throws {
        let ports = try LoopbackServer.ports()
        let transport = URLSessionTransport()
        let task = Task {
            try await transport.send(
                HTTPRequest(method: .get, url: ports.primaryURL("/slow?seconds=10"), timeout: .seconds(5))
            )
        }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test func aCancelledTaskSendsNothing() async throws {
        let ports = try LoopbackServer.ports()
        let transport = URLSessionTransport()
        let url = ports.primaryURL("/sequence/never")
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await transport.send(HTTPRequest(method: .post, url: url))
        }
        await #expect(throws: CancellationError.self) { try await task.value }
        let count = try await transport.send(HTTPRequest(method: .get, url: ports.primaryURL("/count/never")))
        #expect(String(decoding: count.body, as: UTF8.self).contains(#""count": 0"#))
    }

    @Test func aShutDownTransportSendsNothing() async throws {
        let ports = try LoopbackServer.ports()
        let transport = URLSessionTransport()
        _ = try await transport.send(HTTPRequest(method: .get, url: ports.primaryURL("/status/204")))
        transport.shutdown()
        transport.shutdown()
        let failure = await #expect(throws: TransportFailure.self) {
            try await transport.send(HTTPRequest(method: .get, url: ports.primaryURL("/status/204")))
        }
        #expect(failure?.requestMayHaveReachedServer == false)
    }
}

extension URLSessionTransportTests.Echo {
    /// A request as `/count` lists it.
    struct Partial: Decodable {
        var method: String
        var headers: [String: String]
        var body: String
    }
}
