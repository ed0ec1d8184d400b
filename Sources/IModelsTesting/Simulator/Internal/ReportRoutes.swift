import Foundation
import IModelsClient

/// A report download the simulator's storage origin received.
struct ReportDownloadRecord {
    var url: URL
    var carriedAuthorization: Bool
    var receivedAt: Date
    var status: Int
}

/// The transformation reports (`GET /transformations/reports?transformationId=`) and the storage origin their links
/// point at.
extension SimulatorState {
    /// The storage host of report links: another origin than any base URL, https.
    static let reportStorageHost = "transformationsreports.simulator.invalid"
    /// How long a report link is valid: the Get report page's example link is signed from `st=…10:53:09` to
    /// `se=…11:13:09`, 20 minutes.
    static let reportLinkLifetime: TimeInterval = 20 * 60

    /// `{"reports": [...]}`: one report once the run has finished (`Succeeded` or `Failed`), none before (or aborted).
    func listReports(_ request: SimulatorRequest, token: TokenRecord, now: Date) throws -> HTTPResponse {
        guard let transformationId = request.query["transformationId"], !transformationId.isEmpty else {
            throw Rejection(
                SimulatorReply.error(
                    422, code: "MissingRequiredParameter", message: "Parameter 'transformationId' is required.",
                    target: "transformationId"))
        }
        let run = try readableRun(transformationId, token: token)
        let status = status(of: run, now: now)
        guard status == "Succeeded" || status == "Failed" else {
            return SimulatorReply.json(200, .object([("reports", .array([]))]))
        }
        let report: WireJSON = .object([
            ("id", .string("r" + Self.signature(run.id, "report"))),
            ("transformationId", .string(run.id)),
            ("configurationId", .string(run.configurationId)),
            ("targetIModelId", .string(run.targetIModelId)),
            ("_links", .object([("download", .link(reportLink(run.id, issuedAt: now)))])),
        ])
        return SimulatorReply.json(200, .object([("reports", .array([report]))]))
    }

    /// A signed, time-limited link to the run's report on the storage origin.
    func reportLink(_ runId: String, issuedAt: Date) -> String {
        let start = Self.storageTime(issuedAt)
        let expiry = Self.storageTime(issuedAt.addingTimeInterval(Self.reportLinkLifetime))
        let encode = { (text: String) in text.replacingOccurrences(of: ":", with: "%3A") }
        return "https://\(Self.reportStorageHost)/reports/\(SimulatorRequest.encodeSegment(runId))/report.json"
            + "?sv=2019-07-07&sr=b&st=\(encode(start))&se=\(encode(expiry))&sp=r&sig=\(Self.signature(runId, expiry))"
    }

    /// Serves a report link: `403 AuthenticationFailed` for a bad signature or an expired link, `400` for a request
    /// that carries `Authorization` (a storage link is authorized by its signature alone; the simulator refuses a
    /// token sent to it so a test cannot miss one), the report content otherwise.
    mutating func serveReportDownload(_ httpRequest: HTTPRequest, now: Date) -> HTTPResponse {
        let response = reportDownloadResponse(httpRequest, now: now)
        reportDownloads.append(
            ReportDownloadRecord(
                url: httpRequest.url, carriedAuthorization: httpRequest.headers["Authorization"] != nil,
                receivedAt: now, status: response.status))
        return response
    }

    private func reportDownloadResponse(_ httpRequest: HTTPRequest, now: Date) -> HTTPResponse {
        func storageError(_ status: Int, _ code: String, _ message: String) -> HTTPResponse {
            HTTPResponse(
                status: status, headers: ["Content-Type": "application/xml"],
                body: Data(
                    "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>\(code)</Code><Message>\(message)</Message></Error>"
                        .utf8))
        }
        if httpRequest.headers["Authorization"] != nil {
            return storageError(
                400, "InvalidAuthenticationInfo", "Authentication information is not given in the correct format.")
        }
        let components = URLComponents(url: httpRequest.url, resolvingAgainstBaseURL: false)
        let segments = httpRequest.url.path.split(separator: "/").map(String.init)
        var items: [String: String] = [:]
        for item in components?.queryItems ?? [] { items[item.name] = item.value ?? "" }
        guard httpRequest.method == .get, segments.count == 3, segments[0] == "reports",
            let runId = segments[1].removingPercentEncoding, let run = runs[runId]
        else { return storageError(404, "BlobNotFound", "The specified blob does not exist.") }
        guard let expiry = items["se"], items["sig"] == Self.signature(runId, expiry),
            let expiresAt = Self.parseStorageTime(expiry)
        else {
            return storageError(
                403, "AuthenticationFailed", "Server failed to authenticate the request. Signature did not match.")
        }
        guard now < expiresAt else {
            return storageError(
                403, "AuthenticationFailed",
                "Server failed to authenticate the request. Signed expiry time [\(expiry)] must be after the current time."
            )
        }
        let body =
            reportContents[runId]
            ?? Data(
                WireJSON.object([
                    ("transformationId", .string(run.id)),
                    ("status", .string(status(of: run, now: now))),
                    ("processedElementCount", .int(processedElements(of: run, now: now))),
                    ("totalElementCount", .int(run.totalElementCount)),
                    ("errorMessage", .string(run.failureMessage ?? "")),
                ]).serialized.utf8)
        return HTTPResponse(
            status: 200,
            headers: ["Content-Type": "application/json", "Content-Length": String(body.count)], body: body)
    }

    /// `yyyy-MM-ddTHH:mm:ssZ` in UTC.
    static func storageTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
            parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    static func parseStorageTime(_ text: String) -> Date? {
        let digits = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard digits.count == 6 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(
            from: DateComponents(
                year: digits[0], month: digits[1], day: digits[2], hour: digits[3], minute: digits[4],
                second: digits[5]))
    }

    /// A deterministic signature (FNV-1a, hex) of the parts: enough to tell a link the simulator made from a forged
    /// or edited one.
    static func signature(_ parts: String...) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in parts.joined(separator: "|").utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
