import Foundation
import IModelsClient

/// An in-memory `HTTPTransport` that answers every request with the same `200` and body: what is left of a call
/// when the network costs nothing.
struct FixedResponseTransport: HTTPTransport {
    /// The body of every answer.
    let body: Data

    /// It answers at once, so it keeps its deadlines as `URLSessionTransport`, the default, does: the figure is the
    /// overhead of a call through the default transport, without the deadline guard the client puts around other
    /// transports (measured separately in BENCHMARKS.md).
    var guaranteesDeadlines: Bool { true }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["Content-Type": CreateOperationSeed.contentType], body: body)
    }
}
