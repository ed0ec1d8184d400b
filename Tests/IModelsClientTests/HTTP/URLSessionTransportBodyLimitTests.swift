import Foundation
import IModelsClient
import Testing

/// `URLSessionTransport` stops reading an answer whose body passes its `maximumResponseBodySize`: announced by
/// `Content-Length`, streamed without one, or a small gzip answer that unpacks past the limit (libcurl unpacks it;
/// the transport counts what it unpacked). Served by `/big` of `loopback_server.py`.
@Suite(.loopbackServer) struct URLSessionTransportBodyLimitTests {
    static let limit = 1024 * 1024

    enum Framing: String, CaseIterable, CustomTestStringConvertible {
        case contentLength = ""
        case chunked = "&chunked=1"
        case gzip = "&gzip=1"

        var testDescription: String { self == .contentLength ? "contentLength" : String(rawValue.dropFirst()) }
    }

    private func send(bytes: Int, _ framing: Framing, limit: Int = limit) async throws -> HTTPResponse {
        let ports = try LoopbackServer.ports()
        let transport = URLSessionTransport(maximumResponseBodySize: limit)
        defer { transport.shutdown() }
        return try await transport.send(
            HTTPRequest(
                method: .get, url: ports.primaryURL("/big?bytes=\(bytes)\(framing.rawValue)"), timeout: .seconds(60),
                operation: "getIModel"))
    }

    @Test(arguments: Framing.allCases)
    func aBodyOverTheLimitIsRefused(_ framing: Framing) async throws {
        // 64 MiB: gzip packs it into 64 KiB, so the gzip case is a small answer that unpacks to 64 times the limit.
        let failure = await #expect(throws: TransportFailure.self) {
            try await send(bytes: 64 * Self.limit, framing)
        }
        #expect(failure?.kind == .responseTooLarge)
        #expect(failure?.requestMayHaveReachedServer == true)
        #expect(failure?.operation == "getIModel")
        #expect(failure?.description.contains("\(Self.limit) bytes") == true)
    }

    @Test(arguments: Framing.allCases)
    func aBodyAtTheLimitIsRead(_ framing: Framing) async throws {
        let response = try await send(bytes: Self.limit, framing)
        #expect(response.status == 200)
        #expect(response.body.count == Self.limit)
        #expect(response.body.allSatisfy { $0 == UInt8(ascii: "a") })
    }

    @Test func theDefaultLimitIs32MiB() {
        #expect(URLSessionTransport().maximumResponseBodySize == 32 * 1024 * 1024)
        #expect(HTTPResponse.defaultMaximumBodySize == 32 * 1024 * 1024)
    }
}
