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
        case rewriteBody(BodyRewrite)
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

    /// The server acts and answers its normal status and headers, but the body has zero bytes (a proxy or a server
    /// bug that drops it). Answers that are empty anyway (`202` of clone and fork, `204` of a delete) do not change.
    public static let emptyBody = SimulatorFault(kind: .rewriteBody(.empty))

    /// The server acts and gives its normal answer, grown to at least `bytes` (4 MiB by default) and still valid
    /// JSON: a member the documentation does not name, `"simulatorPadding"`, holding a long string, comes first in
    /// the top-level object.
    ///
    /// A realistic oversized answer is a valid one that is big (a service that adds a verbose field, a diagnostic
    /// payload); an invalid big body is what ``malformedBody`` and ``truncatedBody`` already cover, and trailing
    /// whitespace would not make the decoder skip an unknown value. Answers that are not a JSON object (the empty
    /// `202` of clone and fork, the `204` of a delete) are left as they are: a body there would be a protocol
    /// error, not a big answer.
    public static func oversizedBody(bytes: Int = 4 * 1024 * 1024) -> SimulatorFault {
        SimulatorFault(kind: .rewriteBody(.oversized(bytes: max(0, bytes))))
    }

    /// The server acts and gives its normal answer, with every state-, status- or type-like string member (named
    /// `state` or `status`, or ending in `State`, `Status` or `Type`, such as `transformType`) replaced by a value
    /// the API does not document: `"future"` followed by the member's name, `"futureState"`, `"futureStatus"`,
    /// `"futureTransformType"`. Answers that are not JSON do not change.
    public static let unknownEnumValues = SimulatorFault(kind: .rewriteBody(.unknownEnumValues))

    /// The server acts and gives its normal answer without the members the documentation marks optional or
    /// nullable: every member whose value is `null`, and wherever they appear the members named in
    /// ``optionalMemberNames`` (an iModel's `description` and `extent`, a create operation's `clonedFrom`, a
    /// configuration's `comment`, a run's `errorCode`, an error's `target` and `details`, …). Answers that are not
    /// JSON do not change.
    public static let missingOptionalFields = SimulatorFault(kind: .rewriteBody(.missingOptionalFields))

    /// The server acts and gives its normal answer with members the documentation does not name added to every
    /// object, at every level (inside `_links`, each link, each list item, …): `"simulatorExtraField"` (a string)
    /// and `"simulatorExtraObject"` (an object holding an array of every JSON type). Answers that are not JSON do not
    /// change.
    public static let extraFields = SimulatorFault(kind: .rewriteBody(.extraFields))

    /// The member names ``missingOptionalFields`` drops wherever they appear, from the pages the simulator follows:
    /// the iModel (`description`, `lastChangesetPushDateTime`, `extent`, `geographicCoordinateSystem`, and the
    /// `creator`, `upload` and `complete` links), the create operation (`clonedFrom`, `forkedFrom`), the changeset
    /// (`groupId`, `application`, `synchronizationInfo`, and the `namedVersion`, `currentOrPrecedingCheckpoint` and
    /// `download` links), the configuration (`comment` is nullable, `transformParameters` is not required), the run
    /// (`errorCode`, `startedDateTime`, `finishedDateTime`) and the error object (`target`, `details`).
    public static let optionalMemberNames: Set<String> = [
        "description", "lastChangesetPushDateTime", "extent", "geographicCoordinateSystem", "creator", "upload",
        "complete", "clonedFrom", "forkedFrom", "groupId", "application", "synchronizationInfo", "namedVersion",
        "currentOrPrecedingCheckpoint", "download", "comment", "transformParameters", "errorCode", "startedDateTime",
        "finishedDateTime", "target", "details",
    ]

    /// The answer is delayed by `duration` on the simulator's clock, then given normally; when `duration` is longer
    /// than the request's timeout, the request times out at the timeout instead, before the server acts.
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
        case .rewriteBody(let rewrite): return rewrite.description
        case .latency(let duration): return "latency \(duration)"
        }
    }
}
