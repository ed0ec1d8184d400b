import AsyncHTTPClient
import Foundation
import IModelsClient
import IModelsClientAsyncHTTPClient
import NIOCore

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The four clients the loopback scenario compares, each sending the same request to the same server and
/// returning the body's size: the two raw floors (`URLSession.data(for:)`, `HTTPClient.execute`) and the SDK's
/// transport on each.
final class LoopbackClients: Sendable {
    let session = URLSession(configuration: .ephemeral)
    let urlSessionTransport = URLSessionTransport()
    let httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
    let asyncHTTPClientTransport = AsyncHTTPClientTransport()
    let request: HTTPRequest

    init(request: HTTPRequest) {
        self.request = request
    }

    /// The clients by name, in the order the scenario prints them.
    var all: [(name: String, send: @Sendable () async throws -> Int)] {
        [
            ("URLSession.data(for:)", rawURLSession), ("URLSessionTransport", viaURLSessionTransport),
            ("HTTPClient.execute", rawHTTPClient), ("AsyncHTTPClientTransport", viaAsyncHTTPClientTransport),
        ]
    }

    @Sendable func rawURLSession() async throws -> Int {
        var raw = URLRequest(url: request.url)
        raw.httpMethod = request.method.rawValue
        for field in request.headers { raw.setValue(field.value, forHTTPHeaderField: field.name) }
        raw.httpBody = request.body
        return try await session.data(for: raw).0.count
    }

    @Sendable func viaURLSessionTransport() async throws -> Int {
        try await urlSessionTransport.send(request).body.count
    }

    @Sendable func rawHTTPClient() async throws -> Int {
        var raw = HTTPClientRequest(url: request.url.absoluteString)
        raw.method = .init(rawValue: request.method.rawValue)
        for field in request.headers { raw.headers.add(name: field.name, value: field.value) }
        if let body = request.body { raw.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await httpClient.execute(raw, timeout: .seconds(60))
        return try await response.body.collect(upTo: 32 * 1024 * 1024).readableBytes
    }

    @Sendable func viaAsyncHTTPClientTransport() async throws -> Int {
        try await asyncHTTPClientTransport.send(request).body.count
    }

    func shutdown() async throws {
        session.finishTasksAndInvalidate()
        urlSessionTransport.shutdown()
        try await httpClient.shutdown()
        try await asyncHTTPClientTransport.shutdown()
    }
}
