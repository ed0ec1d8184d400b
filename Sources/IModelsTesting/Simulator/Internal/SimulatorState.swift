import Foundation
import IModelsClient

/// Everything the simulator holds, guarded by one lock. Answers are computed from the clock's `now` at the moment a
/// request is handled; nothing runs in the background.
struct SimulatorState {
    var options: SimulatorOptions
    var ids: SimulatorIds
    var iTwins: [String: ITwinRecord] = [:]
    var tokens: [String: TokenRecord] = [:]
    var iModels: [String: IModelRecord] = [:]
    /// iModel ids in creation order (lists answer in this order unless asked otherwise).
    var iModelOrder: [String] = []
    var failingCopySources: Set<String> = []
    var configurations: [String: ConfigurationRecord] = [:]
    var configurationOrder: [String] = []
    var runs: [String: RunRecord] = [:]
    var runOrder: [String] = []
    /// Target iModel id → the error message its transformation runs fail with.
    var failingTransformationTargets: [String: String] = [:]
    /// Run id → the report content its download link serves (instead of the generated summary).
    var reportContents: [String: Data] = [:]
    /// Every request the report storage origin received, in order.
    var reportDownloads: [ReportDownloadRecord] = []
    var faults: [FaultRule] = []
    var log: [SimulatorLogEntry] = []
    var cloneAndForkWindow: SlidingWindow
    var platformWindow: SlidingWindow
    /// The platform's hourly cap (the Trial tier's 5,000 calls an hour).
    var platformHourWindow: SlidingWindow

    init(options: SimulatorOptions, idSeed: UInt64) {
        self.options = options.validated
        ids = SimulatorIds(seed: idSeed)
        cloneAndForkWindow = SlidingWindow(limit: options.tier.cloneAndForkPerMinute)
        platformWindow = SlidingWindow(limit: options.tier.platformPerMinute)
        platformHourWindow = SlidingWindow(limit: options.tier.platformPerHour, window: 3600)
    }

    mutating func setTier(_ tier: SimulatorTier) {
        options.tier = tier
        cloneAndForkWindow.limit = tier.cloneAndForkPerMinute
        platformWindow.limit = tier.platformPerMinute
        platformHourWindow.limit = tier.platformPerHour
    }

    /// Takes the first fault that matches the request, counting it down.
    mutating func takeFault(for request: HTTPRequest) -> SimulatorFault? {
        guard
            let index = faults.firstIndex(where: {
                $0.remaining > 0 && $0.method == request.method && $0.path.matches(request.url)
            })
        else { return nil }
        faults[index].remaining -= 1
        let fault = faults[index].fault
        if faults[index].remaining == 0 { faults.remove(at: index) }
        return fault
    }

    /// Answers one request with a `Date` header, as every HTTP server does.
    mutating func respond(to httpRequest: HTTPRequest, now: Date) -> HTTPResponse {
        var response = answer(httpRequest, now: now)
        response.headers["Date"] = SimulatorReply.httpDate(now)
        return response
    }

    /// The gateway (authentication, rate limits, version), then the route.
    private mutating func answer(_ httpRequest: HTTPRequest, now: Date) -> HTTPResponse {
        applyFinishedRuns(now: now)
        // The report storage is another origin, with no gateway: its links carry their own signature.
        if httpRequest.url.host?.lowercased() == Self.reportStorageHost {
            return serveReportDownload(httpRequest, now: now)
        }
        let request = SimulatorRequest(httpRequest)
        guard let api = request.segments.first.flatMap(SimulatedAPI.init(rawValue:)) else {
            return SimulatorReply.error(
                404, code: "ResourceNotFound", message: "The requested resource does not exist.")
        }
        do {
            let token = try authenticate(request, now: now)
            try admit(request, api: api, now: now)
            try checkAccept(request, api: api)
            switch api {
            case .iModels: return try routeIModels(request, token: token, now: now)
            case .transformations: return try routeTransformations(request, token: token, now: now)
            }
        } catch let rejection as Rejection {
            return rejection.response
        } catch {
            return SimulatorReply.error(500, code: "InternalServerError", message: "The simulator failed: \(error).")
        }
    }

    private func authenticate(_ request: SimulatorRequest, now: Date) throws -> TokenRecord {
        guard let token = request.bearerToken else {
            throw Rejection(
                SimulatorReply.error(
                    401, code: "HeaderNotFound",
                    message: "Header Authorization was not found in the request. Access denied."))
        }
        guard let record = tokens[token], record.isAccepted, record.expiresAt.map({ now < $0 }) ?? true else {
            // The message is the one Bentley's TypeScript client's integration tests expect from the service for an
            // invalid token (iTwin/imodels-clients, tests/imodels-clients-tests/src/integration/management/
            // IModelOperations.test.ts). The code and the unwrapped shape are the simulator's choice: the platform is
            // known to send 401 bodies without the `error` wrapper, and a client must read both.
            throw Rejection(
                SimulatorReply.json(
                    401,
                    .object([
                        ("code", "InvalidAuthorizationToken"),
                        ("message", .string(SimulatorReply.invalidTokenMessage)),
                    ])))
        }
        return record
    }

    private mutating func admit(_ request: SimulatorRequest, api: SimulatedAPI, now: Date) throws {
        let isCopy =
            api == .iModels && request.method == .post && request.segments.count == 3
            && ["clone", "fork"].contains(request.segments[2])
        let platformWait = [platformWindow.retryAfter(at: now), platformHourWindow.retryAfter(at: now)]
            .compactMap { $0 }.max()
        let copyWait = isCopy ? cloneAndForkWindow.retryAfter(at: now) : nil
        if let wait = [platformWait, copyWait].compactMap({ $0 }).max() {
            let operation = isCopy ? (request.segments[2] == "clone" ? "CloneIModel" : "ForkIModel") : "*"
            let headers: HTTPHeaders = [
                "Retry-After": String(wait),
                "ITwinPlatform-RateLimited-Tier": options.tier.name,
                "ITwinPlatform-RateLimited-API": api.displayName,
                "ITwinPlatform-RateLimited-Operation": copyWait != nil ? operation : "*",
                "ITwinPlatform-RateLimited-Application": "imodels-simulator",
            ]
            // Each API's documented body: seed 003 (iModels) and seed 004 (Transformations).
            let body =
                api == .iModels
                ? ("TooManyRequests", "More requests were received than the subscription rate-limit allows.")
                : (
                    "RateLimitExceeded",
                    "The client sent more requests than allowed by this API for the current tier of the client."
                )
            throw Rejection(SimulatorReply.error(429, code: body.0, message: body.1, headers: headers))
        }
        platformWindow.record(at: now)
        platformHourWindow.record(at: now)
        if isCopy { cloneAndForkWindow.record(at: now) }
    }

    private func checkAccept(_ request: SimulatorRequest, api: SimulatedAPI) throws {
        let accept = request.headers["Accept"]
        if accept == nil && !options.requiresAcceptHeader { return }
        let wanted = api.acceptHeader
        let accepted = accept?.split(separator: ",").contains {
            ($0.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces).lowercased() == wanted
        }
        guard accepted == true else {
            throw Rejection(
                SimulatorReply.error(
                    400, code: "InvalidHeaderValue",
                    message: "Header 'Accept' must be '\(wanted)' for this API version.", target: "Accept"))
        }
    }

    /// The token's permissions in the iTwin, or a `403`.
    func require(_ permission: SimulatorPermission, in iTwinId: String, token: TokenRecord) throws {
        guard token.permissions(in: iTwinId).contains(permission) else {
            throw Rejection(SimulatorReply.insufficientPermissions())
        }
    }

    /// A route that does not exist.
    func noRoute(_ request: SimulatorRequest) -> Rejection {
        Rejection(
            SimulatorReply.error(
                404, code: "ResourceNotFound",
                message: "No operation \(request.method) /\(request.segments.joined(separator: "/"))."))
    }
}

/// The two APIs the simulator serves.
enum SimulatedAPI: String {
    case iModels = "imodels"
    case transformations

    var acceptHeader: String {
        switch self {
        case .iModels: return "application/vnd.bentley.itwin-platform.v2+json"
        case .transformations: return "application/vnd.bentley.itwin-platform.v1+json"
        }
    }

    var displayName: String {
        switch self {
        case .iModels: return "iModels"
        case .transformations: return "Transformations"
        }
    }
}
