import AsyncHTTPClient
import IModelsClient
import IModelsClientAsyncHTTPClient
import Testing

/// The real transports every socket-level test runs against.
enum RealTransport: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case urlSession = "URLSessionTransport"
    case asyncHTTPClient = "AsyncHTTPClientTransport"

    var testDescription: String { rawValue }

    /// A new transport of this kind, and how to shut it down.
    func make(maximumResponseBodySize: Int = HTTPResponse.defaultMaximumBodySize) -> OpenTransport {
        switch self {
        case .urlSession:
            let transport = URLSessionTransport(maximumResponseBodySize: maximumResponseBodySize)
            return OpenTransport(transport: transport) { transport.shutdown() }
        case .asyncHTTPClient:
            let transport = AsyncHTTPClientTransport(maximumResponseBodySize: maximumResponseBodySize)
            return OpenTransport(transport: transport) { try? await transport.shutdown() }
        }
    }

    /// Runs `body` with a new transport of this kind and shuts it down afterwards.
    func with<T>(
        maximumResponseBodySize: Int = HTTPResponse.defaultMaximumBodySize,
        _ body: (any HTTPTransport) async throws -> T
    ) async throws -> T {
        let open = make(maximumResponseBodySize: maximumResponseBodySize)
        do {
            let value = try await body(open.transport)
            await open.shutdown()
            return value
        } catch {
            await open.shutdown()
            throw error
        }
    }
}

/// A transport and its shutdown.
struct OpenTransport: Sendable {
    let transport: any HTTPTransport
    let shutdown: @Sendable () async -> Void
}
