import Foundation
import IModelsClient
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A loopback HTTP/1.1 server for transport tests that answers through a responder (an `IModelsSimulator`, say)
/// and injects faults at the socket level into chosen answers; it records every request it receives, with its
/// body and its connection, so a test can check that nothing was sent twice or without its body.
///
/// Start it with ``start(host:responder:)``, stop it with ``stop()``. It listens on a loopback address and a port
/// chosen by the system.
public final class SocketFaultServer: Sendable {
    /// Produces the answer to a request (called once per request, before any fault but a close before acting).
    public typealias Responder = @Sendable (HTTPRequest) async -> HTTPResponse

    /// A fault waiting for its request.
    struct PendingFault {
        var fault: SocketFault
        var method: String
        var pathContaining: String
        var times: Int
    }

    struct State {
        var received: [ReceivedRequest] = []
        var faults: [PendingFault] = []
        var connections = 0
    }

    private let channel: any Channel
    let state = NIOLockedValueBox(State())
    let responder: Responder
    /// The port it listens on.
    public let port: Int

    /// The loopback address it listens on.
    public let host: String

    /// `http://<host>:<port>`.
    public var baseURL: URL { URL(string: "http://\(host):\(port)")! }

    private init(channel: any Channel, host: String, port: Int, responder: @escaping Responder) {
        self.channel = channel
        self.host = host
        self.port = port
        self.responder = responder
    }

    /// Starts a server on `host` (127.0.0.1 by default; 127.0.0.2 is another origin) and a free port.
    public static func start(
        host: String = "127.0.0.1", responder: @escaping Responder
    ) async throws -> SocketFaultServer {
        let box = NIOLockedValueBox<SocketFaultServer?>(nil)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                guard let server = box.withLockedValue({ $0 }) else { return channel.close() }
                let connection = server.state.withLockedValue { state in
                    state.connections += 1
                    return state.connections
                }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(HTTPRequestDecoder()))
                    try channel.pipeline.syncOperations.addHandler(
                        FaultingRequestHandler(server: server, connection: connection))
                }
            }
            .bind(host: host, port: 0).get()
        guard let port = channel.localAddress?.port else {
            try await channel.close()
            throw ServerError(description: "the server has no port")
        }
        let server = SocketFaultServer(channel: channel, host: host, port: port, responder: responder)
        box.withLockedValue { $0 = server }
        return server
    }

    /// Stops listening (connections still open end with the test process).
    public func stop() async throws {
        try await channel.close()
    }

    /// Injects `fault` into the answers to the next `times` requests with `method` whose path contains
    /// `pathContaining`.
    public func inject(_ fault: SocketFault, on method: String, pathContaining: String, times: Int = 1) {
        state.withLockedValue {
            $0.faults.append(PendingFault(fault: fault, method: method, pathContaining: pathContaining, times: times))
        }
    }

    /// Every request received so far, in order of arrival.
    public var received: [ReceivedRequest] { state.withLockedValue { $0.received } }

    /// Whether every injected fault has been used up.
    public var faultsUsedUp: Bool { state.withLockedValue { $0.faults.allSatisfy { $0.times == 0 } } }

    /// Takes the fault for a request, if one is waiting for it.
    func takeFault(method: String, path: String) -> SocketFault? {
        state.withLockedValue { state in
            guard
                let index = state.faults.firstIndex(where: {
                    $0.times > 0 && $0.method == method && path.contains($0.pathContaining)
                })
            else { return nil }
            state.faults[index].times -= 1
            return state.faults[index].fault
        }
    }

    struct ServerError: Error, CustomStringConvertible {
        var description: String
    }
}
