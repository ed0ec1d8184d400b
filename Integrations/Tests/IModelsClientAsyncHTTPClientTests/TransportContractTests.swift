import Foundation
import IModelsClient
import SocketFaultServer
import Testing

/// What every real transport must do, run against each over real loopback sockets: statuses, headers and bodies,
/// redirects under ``RedirectPolicy``, timeouts, cancellation, refused connections and the body cap.
@Suite struct TransportContractTests {
    static let token = "Bearer secret-token-Zq81"

    /// A primary server and two other origins (another host, another port), all answering ``LoopbackRoutes``.
    struct Origins {
        var primary: SocketFaultServer
        var otherHost: SocketFaultServer
        var otherPort: SocketFaultServer

        static func start() async throws -> Origins {
            Origins(
                primary: try await SocketFaultServer.start(responder: LoopbackRoutes.responder),
                otherHost: try await SocketFaultServer.start(host: "127.0.0.2", responder: LoopbackRoutes.responder),
                otherPort: try await SocketFaultServer.start(responder: LoopbackRoutes.responder))
        }

        func stop() async {
            for server in [primary, otherHost, otherPort] { try? await server.stop() }
        }

        /// `/redirect` on the primary origin, answering `code` with `Location: target`.
        func redirect(code: Int = 302, to target: String) -> URL {
            var components = URLComponents(
                url: primary.baseURL.appendingPathComponent("redirect"), resolvingAgainstBaseURL: false)!
            components.queryItems = [.init(name: "code", value: "\(code)"), .init(name: "to", value: target)]
            return components.url!
        }
    }

    /// Runs `body` with fresh servers and a fresh transport of the kind, and stops them all afterwards.
    private func with(
        _ kind: RealTransport, maximumResponseBodySize: Int = HTTPResponse.defaultMaximumBodySize,
        _ body: (any HTTPTransport, Origins) async throws -> Void
    ) async throws {
        let origins = try await Origins.start()
        do {
            try await kind.with(maximumResponseBodySize: maximumResponseBodySize) { try await body($0, origins) }
            await origins.stop()
        } catch {
            await origins.stop()
            throw error
        }
    }

    private func echo(_ response: HTTPResponse) throws -> LoopbackRoutes.Echo {
        try JSONDecoder().decode(LoopbackRoutes.Echo.self, from: response.body)
    }

    @Test(arguments: RealTransport.allCases, [200, 404, 500])
    func everyStatusIsAResponse(_ kind: RealTransport, status: Int) async throws {
        try await with(kind) { transport, origins in
            let url = origins.primary.baseURL.appendingPathComponent("status/\(status)")
            let response = try await transport.send(HTTPRequest(method: .get, url: url))
            #expect(response.status == status)
            #expect(String(decoding: response.body, as: UTF8.self) == "status-\(status)")
        }
    }

    @Test(arguments: RealTransport.allCases)
    func methodHeadersQueryAndBodyArrive(_ kind: RealTransport) async throws {
        try await with(kind) { transport, origins in
            let url = URL(string: "echo?a=1&b=two", relativeTo: origins.primary.baseURL)!.absoluteURL
            let request = HTTPRequest(
                method: .post, url: url, headers: ["Authorization": Self.token, "X-Custom": "yes"],
                body: Data(#"{"name":"Copy"}"#.utf8))
            let answer = try echo(try await transport.send(request))
            #expect(answer.method == "POST")
            #expect(answer.query == "a=1&b=two")
            #expect(answer.header("Authorization") == Self.token)
            #expect(answer.header("X-Custom") == "yes")
            #expect(answer.body == #"{"name":"Copy"}"#)
            #expect(origins.primary.received.count == 1)
        }
    }

    @Test(arguments: RealTransport.allCases, [301, 302, 303, 307, 308])
    func aRedirectToAnotherOriginDropsAuthorization(_ kind: RealTransport, code: Int) async throws {
        try await with(kind) { transport, origins in
            for other in [origins.otherHost, origins.otherPort] {
                let target = other.baseURL.appendingPathComponent("echo")
                let request = HTTPRequest(
                    method: .get, url: origins.redirect(code: code, to: target.absoluteString),
                    headers: ["Authorization": Self.token, "X-Correlation-Id": "corr-1"])
                let answer = try echo(try await transport.send(request))
                #expect(answer.header("Host") == "\(other.host):\(other.port)")
                #expect(answer.header("Authorization") == nil)
                #expect(answer.header("X-Correlation-Id") == "corr-1")
            }
        }
    }

    @Test(arguments: RealTransport.allCases)
    func aSameOriginRedirectKeepsAuthorization(_ kind: RealTransport) async throws {
        try await with(kind) { transport, origins in
            let request = HTTPRequest(
                method: .get, url: origins.redirect(to: "/echo?after=redirect"), headers: ["Authorization": Self.token])
            let answer = try echo(try await transport.send(request))
            #expect(answer.path == "/echo")
            #expect(answer.query == "after=redirect")
            #expect(answer.header("Authorization") == Self.token)
        }
    }

    @Test(arguments: RealTransport.allCases)
    func aRedirectToAnotherSchemeIsRefused(_ kind: RealTransport) async throws {
        try await with(kind) { transport, origins in
            let request = HTTPRequest(
                method: .get, url: origins.redirect(to: "ftp://127.0.0.2:\(origins.otherHost.port)/secret?sig=abc"),
                headers: ["Authorization": Self.token])
            let failure = await #expect(throws: TransportFailure.self) { try await transport.send(request) }
            #expect(failure?.kind == .redirectRefused)
            #expect(failure?.requestMayHaveReachedServer == true)
            #expect(!String(describing: failure).contains("sig=abc"))
            #expect(origins.otherHost.received.isEmpty)
        }
    }

    @Test(arguments: RealTransport.allCases)
    func aTimeoutIsTimedOutAndMayHaveReachedTheServer(_ kind: RealTransport) async throws {
        try await with(kind) { transport, origins in
            let request = HTTPRequest(
                method: .get, url: URL(string: "slow?seconds=30", relativeTo: origins.primary.baseURL)!.absoluteURL,
                headers: ["Authorization": Self.token], timeout: .milliseconds(500))
            let started = ContinuousClock.now
            let failure = await #expect(throws: TransportFailure.self) { try await transport.send(request) }
            let elapsed = ContinuousClock.now - started
            #expect(failure?.kind == .timedOut)
            #expect(failure?.requestMayHaveReachedServer == true)
            // Never sooner than asked; a generous ceiling for a loaded machine, far below the server's 30 s.
            #expect(elapsed >= .milliseconds(450) && elapsed < .seconds(10), "took \(elapsed)")
            #expect(!String(describing: failure).contains("secret-token"))
        }
    }

    @Test(arguments: RealTransport.allCases)
    func cancellingTheTaskCancelsTheRequest(_ kind: RealTransport) async throws {
        try await with(kind) { transport, origins in
            let url = URL(string: "slow?seconds=30", relativeTo: origins.primary.baseURL)!.absoluteURL
            let call = Task { try await transport.send(HTTPRequest(method: .get, url: url, timeout: .seconds(60))) }
            while origins.primary.received.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
            let cancelled = ContinuousClock.now
            call.cancel()
            await #expect(throws: CancellationError.self) { try await call.value }
            #expect(ContinuousClock.now - cancelled < .seconds(10))
        }
    }

    @Test(arguments: RealTransport.allCases)
    func aRefusedConnectionWasNotSent(_ kind: RealTransport) async throws {
        try await with(kind) { transport, origins in
            let refusing = try RefusingPort()
            defer { refusing.close() }
            let request = HTTPRequest(
                method: .post, url: URL(string: "http://127.0.0.1:\(refusing.port)/imodels/clone")!,
                headers: ["Authorization": Self.token], body: Data("{}".utf8), timeout: .seconds(5),
                operation: "cloneIModel")
            let failure = await #expect(throws: TransportFailure.self) { try await transport.send(request) }
            #expect(failure?.kind == .cannotConnect)
            #expect(failure?.requestMayHaveReachedServer == false)
            #expect(failure?.operation == "cloneIModel")
            #expect(!String(describing: failure).contains("secret-token"))
        }
    }

    @Test(arguments: RealTransport.allCases)
    func aBodyOverTheLimitIsRefusedAndOneAtTheLimitIsRead(_ kind: RealTransport) async throws {
        let limit = 1024 * 1024
        try await with(kind, maximumResponseBodySize: limit) { transport, origins in
            func big(_ bytes: Int) -> HTTPRequest {
                HTTPRequest(
                    method: .get,
                    url: URL(string: "big?bytes=\(bytes)", relativeTo: origins.primary.baseURL)!.absoluteURL,
                    operation: "getIModel")
            }
            let failure = await #expect(throws: TransportFailure.self) { try await transport.send(big(limit + 1)) }
            #expect(failure?.kind == .responseTooLarge)
            #expect(failure?.requestMayHaveReachedServer == true)
            let atTheLimit = try await transport.send(big(limit))
            #expect(atTheLimit.body.count == limit)
        }
    }

    @Test(arguments: RealTransport.allCases)
    func aShutDownTransportSendsNothing(_ kind: RealTransport) async throws {
        let origins = try await Origins.start()
        let open = kind.make()
        await open.shutdown()
        let request = HTTPRequest(method: .get, url: origins.primary.baseURL.appendingPathComponent("echo"))
        await #expect(throws: TransportFailure.self) { try await open.transport.send(request) }
        #expect(origins.primary.received.isEmpty)
        await origins.stop()
    }
}
