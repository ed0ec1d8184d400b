import Foundation
import IModelsClient

/// A failure the simulator injects instead of (or on top of) its normal answer, for testing how code copes.
///
/// Inject with ``IModelsSimulator/inject(_:on:_:times:)``; each fault applies to the next `times` matching requests.
public struct SimulatorFault: Sendable, CustomStringConvertible {
    enum Kind: Sendable {
        case respond(HTTPResponse)
        case loseConnection(afterServerActs: Bool)
        case refuseConnection
        case timeOut(afterServerActs: Bool)
        case corruptBody(BodyCorruption)
        case latency(Duration)
    }

    enum BodyCorruption: Sendable {
        case truncated, malformed, html
    }

    let kind: Kind

    /// Answers with this status, headers and body without the server acting.
    public static func respond(status: Int, headers: HTTPHeaders = [:], body: Data = Data()) -> SimulatorFault {
        SimulatorFault(kind: .respond(HTTPResponse(status: status, headers: headers, body: body)))
    }

    /// Answers with this status and JSON body (`Content-Type: application/json`) without the server acting.
    public static func respond(status: Int, headers: HTTPHeaders = [:], json: String) -> SimulatorFault {
        var headers = headers
        if headers["Content-Type"] == nil { headers["Content-Type"] = "application/json" }
        return respond(status: status, headers: headers, body: Data(json.utf8))
    }

    /// The connection breaks before the server acts: nothing changes, and the client gets a `connectionLost`
    /// failure that (as on a real network) says the request may have reached the server.
    public static let connectionLostBeforeServerActs = SimulatorFault(kind: .loseConnection(afterServerActs: false))

    /// The server acts (an iModel is created, a run starts) but the answer is lost: the client gets a
    /// `connectionLost` failure that says the request may have reached the server.
    public static let connectionLostAfterServerActs = SimulatorFault(kind: .loseConnection(afterServerActs: true))

    /// The connection is refused: nothing was sent, and the failure says so.
    public static let connectionRefused = SimulatorFault(kind: .refuseConnection)

    /// No answer in time; with `afterServerActs` the server has acted first.
    public static func timeout(afterServerActs: Bool = false) -> SimulatorFault {
        SimulatorFault(kind: .timeOut(afterServerActs: afterServerActs))
    }

    /// The server acts and answers its normal status, but the body is cut in half.
    public static let truncatedBody = SimulatorFault(kind: .corruptBody(.truncated))

    /// The server acts and answers its normal status, but the body is not JSON.
    public static let malformedBody = SimulatorFault(kind: .corruptBody(.malformed))

    /// A gateway answers `502` with an HTML page; the server does not act.
    public static let htmlBadGateway = SimulatorFault(kind: .corruptBody(.html))

    /// The answer is delayed by `duration` on the simulator's clock, then given normally.
    public static func latency(_ duration: Duration) -> SimulatorFault {
        SimulatorFault(kind: .latency(duration))
    }

    /// A short name of the fault, as it appears in the request log.
    public var description: String {
        switch kind {
        case .respond(let response): return "respond \(response.status)"
        case .loseConnection(let after): return after ? "connection lost after acting" : "connection lost before acting"
        case .refuseConnection: return "connection refused"
        case .timeOut(let after): return after ? "timeout after acting" : "timeout"
        case .corruptBody(.truncated): return "truncated body"
        case .corruptBody(.malformed): return "malformed body"
        case .corruptBody(.html): return "HTML 502"
        case .latency(let duration): return "latency \(duration)"
        }
    }
}
