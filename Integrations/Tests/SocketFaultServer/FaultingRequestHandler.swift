import Foundation
import IModelsClient
import NIOCore
import NIOHTTP1

/// Reads the requests of one connection, records each as soon as its head arrives, and hands each complete
/// request to ``FaultyAnswer`` to answer (faulted or not).
final class FaultingRequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart

    private let server: SocketFaultServer
    private let connection: Int
    private var index: Int?
    private var head: HTTPRequestHead?
    private var body = Data()

    init(server: SocketFaultServer, connection: Int) {
        self.server = server
        self.connection = connection
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = Data()
            let request = ReceivedRequest(
                method: head.method.rawValue, target: head.uri,
                headers: Dictionary(head.headers.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last }),
                body: Data(), bodyComplete: false, connection: connection)
            index = server.state.withLockedValue { state in
                state.received.append(request)
                return state.received.count - 1
            }
        case .body(let buffer):
            body.append(contentsOf: buffer.readableBytesView)
            update { $0.body = self.body }
        case .end:
            update { $0.bodyComplete = true }
            guard let head else { return }
            let request = HTTPRequest(
                method: IModelsClient.HTTPMethod(rawValue: head.method.rawValue),
                url: URL(string: head.uri, relativeTo: server.baseURL)?.absoluteURL ?? server.baseURL,
                headers: IModelsClient.HTTPHeaders(head.headers.map { ($0.name, $0.value) }),
                body: body.isEmpty ? nil : body)
            let fault = server.takeFault(method: head.method.rawValue, path: head.uri)
            let answer = FaultyAnswer(
                channel: context.channel, responder: server.responder, fault: fault,
                clientAsksToClose: head.headers["Connection"].contains { $0.lowercased() == "close" }
                    || head.version == .http1_0)
            Task { await answer.send(request) }
        }
    }

    private func update(_ change: @escaping (inout ReceivedRequest) -> Void) {
        guard let index else { return }
        server.state.withLockedValue { change(&$0.received[index]) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)  // a malformed request or a reset: nothing more to read
    }
}
