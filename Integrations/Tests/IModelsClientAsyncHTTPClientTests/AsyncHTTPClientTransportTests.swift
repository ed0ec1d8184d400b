import AsyncHTTPClient
import Foundation
import IModelsClient
import IModelsClientAsyncHTTPClient
import SocketFaultServer
import Testing

/// What only `AsyncHTTPClientTransport` does: borrowing a client, and following redirects itself (the owned
/// client's own redirect handling is off).
@Suite struct AsyncHTTPClientTransportTests {
    private func withServer(_ body: (SocketFaultServer) async throws -> Void) async throws {
        let server = try await SocketFaultServer.start(responder: LoopbackRoutes.responder)
        do {
            try await body(server)
            try await server.stop()
        } catch {
            try? await server.stop()
            throw error
        }
    }

    private func url(_ server: SocketFaultServer, _ path: String) -> URL {
        URL(string: path, relativeTo: server.baseURL)!.absoluteURL
    }

    @Test func aBorrowedClientIsNeverShutDown() async throws {
        try await withServer { server in
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
            let transport = AsyncHTTPClientTransport(borrowing: client)
            #expect(try await transport.send(HTTPRequest(method: .get, url: url(server, "/echo"))).status == 200)
            try await transport.shutdown()
            let afterwards = try await client.execute(
                HTTPClientRequest(url: url(server, "/echo").absoluteString), timeout: .seconds(10))
            #expect(afterwards.status.code == 200)
            try await client.shutdown()
        }
    }

    @Test func anOwnedClientIsShutDown() async throws {
        try await withServer { server in
            let transport = AsyncHTTPClientTransport()
            try await transport.shutdown()
            let failure = await #expect(throws: TransportFailure.self) {
                try await transport.send(HTTPRequest(method: .get, url: url(server, "/echo")))
            }
            #expect(failure?.requestMayHaveReachedServer == false)
            #expect(server.received.isEmpty)
        }
    }

    @Test(arguments: [
        (303, "POST", "GET", ""), (302, "POST", "GET", ""), (307, "POST", "POST", "{}"), (308, "PUT", "PUT", "{}"),
    ])
    func aRedirectKeepsOrDropsTheMethodAndBodyAsHTTPSays(code: Int, method: String, then: String, body: String)
        async throws
    {
        try await withServer { server in
            let transport = AsyncHTTPClientTransport()
            defer { Task { try? await transport.shutdown() } }
            let request = HTTPRequest(
                method: HTTPMethod(rawValue: method), url: url(server, "/redirect?code=\(code)&to=/echo"),
                headers: ["Content-Type": "application/json"], body: Data("{}".utf8))
            let echo = try JSONDecoder().decode(
                LoopbackRoutes.Echo.self, from: try await transport.send(request).body)
            #expect(echo.method == then)
            #expect(echo.body == body)
            #expect(server.received.count == 2)
        }
    }

    @Test func moreThanFiveRedirectsAreRefused() async throws {
        try await withServer { server in
            let transport = AsyncHTTPClientTransport()
            defer { Task { try? await transport.shutdown() } }
            var target = "/echo"
            for _ in 0...AsyncHTTPClientTransport.maximumRedirects {
                target = "/redirect?code=302&to=" + target.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            }
            let failure = await #expect(throws: TransportFailure.self) {
                try await transport.send(HTTPRequest(method: .get, url: url(server, target)))
            }
            #expect(failure?.kind == .redirectRefused)
            #expect(server.received.count == AsyncHTTPClientTransport.maximumRedirects + 1)
        }
    }
}
