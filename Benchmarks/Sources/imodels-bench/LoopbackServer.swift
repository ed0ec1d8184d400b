import NIOCore
import NIOHTTP1
import NIOPosix

/// A SwiftNIO HTTP/1.1 server on 127.0.0.1 that answers every request with the same `200` and body, keeping the
/// connection alive: fast enough (one event loop; the clients send one request at a time) that the loopback
/// benchmark measures the client side, not the server.
final class LoopbackServer: Sendable {
    /// The port the server listens on.
    let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel

    private init(port: Int, group: MultiThreadedEventLoopGroup, channel: any Channel) {
        self.port = port
        self.group = group
        self.channel = channel
    }

    /// Starts a server on an ephemeral port that answers with `body` as `contentType`.
    static func start(body: [UInt8], contentType: String) async throws -> LoopbackServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let answer = ByteBuffer(bytes: body)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(
                        FixedAnswerHandler(body: answer, contentType: contentType))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        guard let port = channel.localAddress?.port else {
            try await group.shutdownGracefully()
            throw ChannelError.unknownLocalAddress
        }
        return LoopbackServer(port: port, group: group, channel: channel)
    }

    /// Closes the listening socket and stops the event loop.
    func stop() async throws {
        try await channel.close()
        try await group.shutdownGracefully()
    }
}

/// Answers each complete request with the fixed `200`.
private final class FixedAnswerHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let body: ByteBuffer
    private let headers: HTTPHeaders

    init(body: ByteBuffer, contentType: String) {
        self.body = body
        headers = HTTPHeaders([("Content-Type", contentType), ("Content-Length", "\(body.readableBytes)")])
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .end = unwrapInboundIn(data) else { return }
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}
