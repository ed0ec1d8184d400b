import Foundation
import IModelsClient

/// One request the simulator received, for assertions: what came in, when, and what went back.
public struct SimulatorLogEntry: Sendable, CustomStringConvertible {
    /// The request, with `Authorization` redacted.
    public var request: HTTPRequest
    /// The simulator's clock when the request arrived.
    public var receivedAt: Date
    /// The status answered, or `nil` when a fault left the client without an answer.
    public var status: Int?
    /// The fault injected into this exchange, if any.
    public var fault: String?

    /// The method and the path (with query), for example `POST /imodels/abc/clone`.
    public var methodAndPath: String {
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        let path = components?.percentEncodedPath ?? request.url.path
        let query = components?.percentEncodedQuery.map { "?\($0)" } ?? ""
        return "\(request.method) \(path)\(query)"
    }

    /// `METHOD path → status`.
    public var description: String {
        let outcome = status.map(String.init) ?? "no answer"
        return "\(methodAndPath) → \(outcome)" + (fault.map { " [\($0)]" } ?? "")
    }
}
