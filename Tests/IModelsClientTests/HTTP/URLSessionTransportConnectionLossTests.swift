import Foundation
import IModelsClient
import Testing

/// `URLSessionTransport` when the server closes a connection without answering, on a reused keep-alive connection
/// as well as a fresh one, counting what the server received (`/drop/{key}` of `loopback_server.py` counts a
/// request as soon as its head arrives, and says whether its whole body came).
///
/// On Linux, libcurl resends a request whose reused connection dies before the answer; for a request with a body
/// it resends the head without the body, and the call stalls until its timeout while spinning a core. The
/// transport must fail such a loss at once, with the request sent once, whole.
@Suite(.loopbackServer) struct URLSessionTransportConnectionLossTests {
    /// What `/count/{key}` says of one `/drop/{key}` request.
    struct Received: Decodable {
        var method: String
        var body: String
        var bodyComplete: Bool
    }

    struct Count: Decodable {
        var count: Int
        var requests: [Received]
    }

    static let body = Data(#"{"a":1}"#.utf8)
    /// Longer than any ceiling below: a call that waits for it has stalled.
    static let timeout = Duration.seconds(20)
    /// How long a loss may take to surface on a loaded machine; today's stall takes the whole ``timeout``.
    static let ceiling = Duration.seconds(10)

    static func received(_ key: String, _ ports: LoopbackServer.Ports) async throws -> Count {
        let answer = try await URLSessionTransport().send(
            HTTPRequest(method: .get, url: ports.primaryURL("/count/\(key)")))
        return try JSONDecoder().decode(Count.self, from: answer.body)
    }

    /// Sends `request` and returns its failure and how long it took.
    static func failure(
        of request: HTTPRequest, through transport: URLSessionTransport
    ) async -> (TransportFailure?, Duration) {
        let started = ContinuousClock.now
        let failure = await #expect(throws: TransportFailure.self) { try await transport.send(request) }
        return (failure, ContinuousClock.now - started)
    }

    /// The reproduction of the Linux stall: a `POST` with a body after a `GET` left a keep-alive connection open;
    /// the server reads the `POST` and closes the connection without answering.
    @Test(arguments: [false, true])
    func aPostWhoseConnectionDiesFailsAtOnceAndArrivesOnceWithItsBody(afterAReusableGet: Bool) async throws {
        let ports = try LoopbackServer.ports()
        let transport = URLSessionTransport()
        defer { transport.shutdown() }
        if afterAReusableGet {
            let warm = try await transport.send(HTTPRequest(method: .get, url: ports.primaryURL("/echo")))
            #expect(warm.status == 200)
        }
        let key = "post-\(afterAReusableGet ? "reused" : "fresh")"
        let request = HTTPRequest(
            method: .post, url: ports.primaryURL("/drop/\(key)"), headers: ["Content-Type": "application/json"],
            body: Self.body, timeout: Self.timeout, operation: "cloneIModel")
        let (failure, elapsed) = await Self.failure(of: request, through: transport)
        #expect(failure?.kind == .connectionLost)
        #expect(failure?.requestMayHaveReachedServer == true)
        #expect(elapsed < Self.ceiling, "took \(elapsed)")
        let seen = try await Self.received(key, ports)
        #expect(seen.count == 1, "the server received \(seen.count) requests: \(seen.requests)")
        #expect(seen.requests.allSatisfy { $0.method == "POST" && $0.bodyComplete && $0.body == #"{"a":1}"# })
    }

    /// A `POST` without a body (a transformation run) is not idempotent either: it is never resent.
    @Test func aBodilessPostOnAReusableSessionIsSentOnce() async throws {
        let ports = try LoopbackServer.ports()
        let transport = URLSessionTransport()
        defer { transport.shutdown() }
        _ = try await transport.send(HTTPRequest(method: .get, url: ports.primaryURL("/echo")))
        let request = HTTPRequest(method: .post, url: ports.primaryURL("/drop/bodiless-post"), timeout: Self.timeout)
        let (failure, elapsed) = await Self.failure(of: request, through: transport)
        #expect(failure?.kind == .connectionLost)
        #expect(elapsed < Self.ceiling, "took \(elapsed)")
        #expect(try await Self.received("bodiless-post", ports).count == 1)
    }

    /// A `GET` on a reused connection that dies fails at once too; libcurl may resend it once on a new
    /// connection before giving up, which is harmless for a safe method, but never more.
    @Test func aGetWhoseReusedConnectionDiesFailsAtOnce() async throws {
        let ports = try LoopbackServer.ports()
        let transport = URLSessionTransport()
        defer { transport.shutdown() }
        _ = try await transport.send(HTTPRequest(method: .get, url: ports.primaryURL("/echo")))
        let request = HTTPRequest(method: .get, url: ports.primaryURL("/drop/get-reused"), timeout: Self.timeout)
        let (failure, elapsed) = await Self.failure(of: request, through: transport)
        #expect(failure?.kind == .connectionLost)
        #expect(elapsed < Self.ceiling, "took \(elapsed)")
        let seen = try await Self.received("get-reused", ports)
        #expect((1...2).contains(seen.count))
        #expect(seen.requests.allSatisfy { $0.method == "GET" })
    }

    /// Safe requests still share connections: the drop fix does not cost every `GET` a new connection. Two `GET`s
    /// in a row arrive on one connection (the server's `/echo` reports the client's port), two `POST`s on two, even
    /// from a server that keeps connections open after `Connection: close` (libcurl would reuse them otherwise).
    @Test func requestsWithABodyNeverShareAConnectionButGetsDo() async throws {
        let ports = try LoopbackServer.ports()
        let transport = URLSessionTransport()
        defer { transport.shutdown() }
        func clientPort(_ method: HTTPMethod, body: Data? = nil) async throws -> Int {
            let answer = try await transport.send(
                HTTPRequest(method: method, url: ports.primaryURL("/echo?keepAlive=1"), body: body))
            return try URLSessionTransportTests.decodeEcho(answer).clientPort
        }
        let gets = [try await clientPort(.get), try await clientPort(.get)]
        #expect(gets[0] == gets[1])
        let posts = [try await clientPort(.post, body: Self.body), try await clientPort(.post, body: Self.body)]
        #expect(posts[0] != posts[1])
        #expect(!posts.contains(gets[0]))
    }
}
