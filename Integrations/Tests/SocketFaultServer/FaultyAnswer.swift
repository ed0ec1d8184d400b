import Foundation
import IModelsClient
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// Writes one answer on a connection, with its fault if it has one, as raw bytes (so the framing can be broken).
struct FaultyAnswer: Sendable {
    let channel: any Channel
    let responder: SocketFaultServer.Responder
    let fault: SocketFault?
    let clientAsksToClose: Bool

    func send(_ request: HTTPRequest) async {
        if case .closeBeforeAnswer(afterServerActs: false) = fault {
            try? await channel.close()
            return
        }
        var response = await responder(request)
        switch fault {
        case nil:
            await write(head(response, length: response.body.count) + response.body, thenClose: clientAsksToClose)
        case .closeBeforeAnswer:
            try? await channel.close()
        case .reset:
            if let provider = channel as? any SocketOptionProvider {
                try? await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
            }
            try? await channel.close()
        case .closeAfterHeaders:
            await write(head(response, length: max(1, response.body.count)), thenClose: true)
        case .closeMidBody:
            let length = max(2, response.body.count)
            await write(head(response, length: length) + response.body.prefix(length / 2), thenClose: true)
        case .truncatedChunkedBody:
            let half = response.body.prefix(max(1, response.body.count / 2))
            let chunk = Data(String(half.count, radix: 16).utf8) + Data("\r\n".utf8) + half + Data("\r\n".utf8)
            await write(head(response, length: nil, extra: "Transfer-Encoding: chunked\r\n") + chunk, thenClose: true)
        case .delayedAnswer(let delay):
            try? await Task.sleep(for: delay)
            await write(head(response, length: response.body.count) + response.body, thenClose: clientAsksToClose)
        case .trickle(let every):
            for byte in head(response, length: response.body.count) + response.body {
                guard channel.isActive else { return }
                try? await channel.writeAndFlush(ByteBuffer(bytes: [byte]))
                try? await Task.sleep(for: every)
            }
        case .garbageStatusLine:
            await write(Data("NOT-HTTP garbage \u{1}\u{2}\r\n\r\n".utf8), thenClose: true)
        case .http10WithoutLength:
            var text = "HTTP/1.0 \(response.status) \(Self.reason(response.status))\r\n"
            for field in response.headers where !Self.framing.contains(field.name.lowercased()) {
                text += "\(field.name): \(field.value)\r\n"
            }
            await write(Data((text + "\r\n").utf8) + response.body, thenClose: true)
        case .connectionClose:
            let bytes = head(response, length: response.body.count, extra: "Connection: close\r\n") + response.body
            await write(bytes, thenClose: true)
        case .gzipBody:
            let packed = Gzip.wrap(response.body)
            await write(
                head(response, length: packed.count, extra: "Content-Encoding: gzip\r\n") + packed,
                thenClose: clientAsksToClose)
        case .oversizedBody(let bytes):
            if response.body.first == UInt8(ascii: "{"), response.body.count < bytes {
                response.body.append(Data(repeating: UInt8(ascii: " "), count: bytes - response.body.count))
            }
            await write(head(response, length: response.body.count) + response.body, thenClose: clientAsksToClose)
        case .hugeHeader(let bytes):
            let padding = "X-Padding: \(String(repeating: "a", count: bytes))\r\n"
            await write(
                head(response, length: response.body.count, extra: padding) + response.body,
                thenClose: clientAsksToClose)
        }
    }

    /// Header names the server sets itself, never copied from the responder's answer.
    private static let framing: Set<String> = ["content-length", "transfer-encoding", "connection", "content-encoding"]

    /// The status line and headers, with `Content-Length` when `length` is given.
    private func head(_ response: HTTPResponse, length: Int?, extra: String = "") -> Data {
        var text = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
        for field in response.headers where !Self.framing.contains(field.name.lowercased()) {
            text += "\(field.name): \(field.value)\r\n"
        }
        if let length { text += "Content-Length: \(length)\r\n" }
        return Data((text + extra + "\r\n").utf8)
    }

    private func write(_ bytes: Data, thenClose close: Bool) async {
        try? await channel.writeAndFlush(ByteBuffer(bytes: bytes))
        if close { try? await channel.close() }
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 201: return "Created"
        case 202: return "Accepted"
        case 204: return "No Content"
        case 404: return "Not Found"
        case 409: return "Conflict"
        case 429: return "Too Many Requests"
        default: return "Status"
        }
    }
}
