import Foundation
import NIOCore
import NIOPosix

/// The listener for the redirect of a browser sign-in: HTTP on `127.0.0.1` at the redirect URI's port. The first
/// `GET` of the redirect URI's path is answered with a page that says to go back to the terminal, handed to
/// ``waitForRedirect(timeout:)``, and the listener is closed; any other request gets a `404`.
public final class LoopbackListener: Sendable {
    /// The port it listens on (the one asked for, or the one the system chose for port 0).
    public let port: Int
    private let channel: any Channel
    private let redirects: AsyncStream<String>

    private init(port: Int, channel: any Channel, redirects: AsyncStream<String>) {
        self.port = port
        self.channel = channel
        self.redirects = redirects
    }

    /// Starts listening on `127.0.0.1:port` for `GET path`; port 0 lets the system choose.
    public static func start(port: Int, path: String) async throws -> LoopbackListener {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        RedirectHandler(path: path, continuation: continuation))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: "127.0.0.1", port: port).get()
        } catch {
            throw LoginError.signInFailed(
                reason: "could not listen on 127.0.0.1:\(port) for the browser's redirect (\(error)); is another "
                    + "program using the port? Register and pass another --redirect-uri.")
        }
        return LoopbackListener(port: channel.localAddress?.port ?? port, channel: channel, redirects: stream)
    }

    /// The request target of the redirect (`/signin-callback?code=…&state=…`), or
    /// ``LoginError/signInTimedOut(after:)`` after `timeout`. The listener is closed either way.
    public func waitForRedirect(timeout: Duration) async throws -> String {
        defer { close() }
        return try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask { [redirects] in
                for await target in redirects { return target }
                return nil
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw LoginError.signInTimedOut(after: timeout)
            }
            defer { group.cancelAll() }
            guard let target = try await group.next() ?? nil else { throw CancellationError() }
            return target
        }
    }

    /// Stops listening.
    public func close() {
        channel.close(promise: nil)
    }
}

/// Reads one request's first line, answers it, and closes the connection.
private final class RedirectHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let path: String
    private let continuation: AsyncStream<String>.Continuation
    private var received = ""

    init(path: String, continuation: AsyncStream<String>.Continuation) {
        self.path = path
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        received += buffer.readString(length: buffer.readableBytes) ?? ""
        guard received.contains("\r\n\r\n") || received.count > 16 * 1024 else { return }
        let words = received.prefix { !$0.isNewline }.split(separator: " ")
        let target = words.count == 3 && words[0] == "GET" ? String(words[1]) : ""
        let matches = target.split(separator: "?", maxSplits: 1).first.map(String.init) == path
        let body =
            matches
            ? "<html><body><h1>Signed in</h1><p>You can close this tab and go back to the terminal.</p>"
                + "</body></html>"
            : "<html><body><h1>Not found</h1></body></html>"
        let head = matches ? "HTTP/1.1 200 OK" : "HTTP/1.1 404 Not Found"
        let response =
            "\(head)\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Connection: close\r\nCache-Control: no-store\r\n\r\n\(body)"
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: response)))
            .whenComplete { _ in bound.value.close(promise: nil) }
        if matches {
            continuation.yield(target)
            continuation.finish()
        }
    }
}
