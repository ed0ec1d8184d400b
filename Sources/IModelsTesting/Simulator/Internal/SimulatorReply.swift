import Foundation
import IModelsClient

/// Builds the simulator's answers in the service's shapes.
enum SimulatorReply {
    /// A JSON answer.
    static func json(_ status: Int, _ body: WireJSON, headers: HTTPHeaders = [:]) -> HTTPResponse {
        var headers = headers
        headers["Content-Type"] = "application/json; charset=utf-8"
        return HTTPResponse(status: status, headers: headers, body: body.data)
    }

    /// An empty answer, for example `204`.
    static func empty(_ status: Int, headers: HTTPHeaders = [:]) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers)
    }

    /// One entry of an error's `details`.
    struct Detail {
        var code: String
        var message: String
        var target: String?
    }

    /// The error envelope `{"error":{"code","message","target"?,"details"?}}`.
    static func error(
        _ status: Int, code: String, message: String, target: String? = nil, details: [Detail] = [],
        headers: HTTPHeaders = [:]
    ) -> HTTPResponse {
        var members: [(String, WireJSON)] = [("code", .string(code)), ("message", .string(message))]
        if let target { members.append(("target", .string(target))) }
        if !details.isEmpty {
            let items = details.map { detail -> WireJSON in
                var item: [(String, WireJSON)] = [("code", .string(detail.code)), ("message", .string(detail.message))]
                if let target = detail.target { item.append(("target", .string(target))) }
                return .object(item)
            }
            members.append(("details", .array(items)))
        }
        return json(status, .object([("error", .object(members))]), headers: headers)
    }

    /// The message of the `401` for an unknown, revoked or expired token: the service's, as Bentley's TypeScript
    /// client's integration tests expect it (iTwin/imodels-clients,
    /// tests/imodels-clients-tests/src/integration/management/IModelOperations.test.ts).
    static let invalidTokenMessage =
        "Access denied due to invalid access_token. Make sure that issuer is correct, the token is not expired and is "
        + "not corrupted."

    static func iModelNotFound() -> HTTPResponse {
        error(404, code: "iModelNotFound", message: "Requested iModel is not available.")
    }

    static func iTwinNotFound() -> HTTPResponse {
        error(404, code: "iTwinNotFound", message: "Requested iTwin is not available.")
    }

    static func changesetNotFound() -> HTTPResponse {
        error(404, code: "ChangesetNotFound", message: "Requested Changeset is not available.")
    }

    /// `409 iModelIsNotInitialized` for a clone or fork of an iModel that is not `initialized` (still being created,
    /// or its creation failed). The documentation is silent: status, code and message are the simulator's choice.
    static func sourceNotInitialized(fork: Bool) -> HTTPResponse {
        error(
            409, code: "iModelIsNotInitialized",
            message: "The \(fork ? "main" : "source") iModel is not initialized: wait until its creation has completed."
        )
    }

    static func insufficientPermissions() -> HTTPResponse {
        error(
            403, code: "InsufficientPermissions",
            message: "The user has insufficient permissions for the requested operation.")
    }

    /// `422 InvalidiModelsRequest` with one detail.
    static func invalidIModelsRequest(_ summary: String, _ detail: Detail) -> HTTPResponse {
        error(422, code: "InvalidiModelsRequest", message: summary, details: [detail])
    }

    /// A date as the service writes it: ISO 8601 in UTC with seven fractional digits, `2020-10-20T10:51:33.1700000Z`.
    ///
    /// Built by hand: on Linux, `ISO8601Format(.iso8601(timeZone:includingFractionalSeconds:))` leaves out the `Z`.
    static func date(_ date: Date) -> WireJSON {
        let interval = date.timeIntervalSince1970
        var whole = interval.rounded(.down)
        var ticks = Int(((interval - whole) * 10_000_000).rounded())
        if ticks >= 10_000_000 {
            whole += 1
            ticks = 0
        }
        let parts = UTCDateParts(Date(timeIntervalSince1970: whole))
        let pad = UTCDateParts.pad
        return .string(
            "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))T\(pad(parts.hour, 2)):"
                + "\(pad(parts.minute, 2)):\(pad(parts.second, 2)).\(pad(ticks, 7))Z")
    }

    /// An HTTP-date in IMF-fixdate form (`Sun, 06 Nov 1994 08:49:37 GMT`), whole seconds rounded down.
    static func httpDate(_ date: Date) -> String {
        let parts = UTCDateParts(date)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let pad = UTCDateParts.pad
        return "\(weekdays[parts.weekday]), \(pad(parts.day, 2)) \(months[parts.month - 1]) \(parts.year) "
            + "\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2)) GMT"
    }
}
