import Foundation
import IModelsClient
import IModelsTesting
import NIOConcurrencyHelpers
import SocketFaultServer

/// A simulator served over real sockets by a ``SocketFaultServer``, seeded with a source iModel, a target iTwin and
/// an ImportIModel configuration, and a client that reaches it through a real transport.
final class SocketWorld: Sendable {
    static let token = "socket-token-Hq2-9f3e1a7c"
    /// The client's request timeout: short, so the timeout faults stay short.
    static let requestTimeout = Duration.seconds(1)

    let simulator = IModelsSimulator(options: SimulatorOptions(defaultPageSize: 1))
    let server: SocketFaultServer
    let client: ITwinClient
    let sends: SendCounter
    let log = NIOLockedValueBox<[LogEvent]>([])
    let iTwin: String
    let copies: String
    let source: String
    let target: String

    private init(server: SocketFaultServer, transport: any HTTPTransport) {
        self.server = server
        iTwin = simulator.addITwin(name: "Bridges")
        copies = simulator.addITwin(name: "Copies")
        source = simulator.addIModel(SimulatorIModelSeed(iTwinId: iTwin, name: "Bridge", changesetCount: 3))
        target = simulator.addIModel(SimulatorIModelSeed(iTwinId: iTwin, name: "Target"))
        simulator.addAccessToken(Self.token)
        sends = SendCounter(transport)
        let log = self.log
        client = ITwinClient(
            configuration: Configuration(
                environment: .custom(server.baseURL),
                retryPolicy: RetryPolicy(
                    maxAttempts: 3, initialBackoff: .milliseconds(20), maxBackoff: .milliseconds(100)),
                log: { event in log.withLockedValue { $0.append(event) } },
                requestTimeout: Self.requestTimeout),
            accessToken: { Self.token }, transport: sends)
    }

    /// A world on a new server, reached through `transport`.
    static func start(transport: any HTTPTransport) async throws -> SocketWorld {
        let simulatorBox = NIOLockedValueBox<IModelsSimulator?>(nil)
        let server = try await SocketFaultServer.start { request in
            guard let simulator = simulatorBox.withLockedValue({ $0 }) else { return HTTPResponse(status: 503) }
            do {
                return try await simulator.send(request)
            } catch {
                return HTTPResponse(status: 500, body: Data("simulator: \(error)".utf8))
            }
        }
        let world = SocketWorld(server: server, transport: transport)
        simulatorBox.withLockedValue { $0 = world.simulator }
        return world
    }

    /// A client of the same simulator in the test process, for preparations that must not touch the sockets.
    var directClient: ITwinClient {
        ITwinClient(
            configuration: Configuration(environment: .custom(server.baseURL)), accessToken: { Self.token },
            transport: simulator)
    }

    /// An ImportIModel configuration from the source into the target.
    func importRequest() -> ImportIModelConfigurationRequest {
        ImportIModelConfigurationRequest(
            transformName: "Import Bridge", sourceProjectId: iTwin, sourceIModelId: source, targetProjectId: iTwin,
            targetIModelId: target, comment: "socket faults")
    }
}

/// Stamps every request it sends with `X-Test-Send: n` (1, 2, …), so the server's records tell one send from a
/// transport resending it.
final class SendCounter: HTTPTransport {
    private let inner: any HTTPTransport
    private let count = NIOLockedValueBox(0)

    init(_ inner: any HTTPTransport) { self.inner = inner }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var stamped = request
        stamped.headers["X-Test-Send"] = String(
            count.withLockedValue { count in
                count += 1
                return count
            })
        return try await inner.send(stamped)
    }
}
