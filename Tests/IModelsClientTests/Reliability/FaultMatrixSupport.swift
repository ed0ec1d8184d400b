import Foundation
import IModelsTesting
import Testing

@testable import IModelsClient

/// The token every matrix client sends: distinctive, so a leak into any output is found by a plain search.
let matrixToken = "matrix-token-Qx7-4c1d9e7f"

/// What every matrix case seeds, and the log events of its client.
///
/// "Bridges" holds the source "Bridge" (3 changesets, a description and an extent, 100,000 elements so a run lasts
/// minutes), an empty "Target", "Main" (its elements lack FederationGuids) and "Pier 1" and "Pier 2" (so the list,
/// two per page, has three pages); "Copies" is empty. Every attempt's log event is recorded.
struct MatrixSeeds: Sendable {
    let log: LogRecorder
    let iTwin: String
    let otherITwin: String
    let source: String
    let target: String
    let main: String
    let pier: String
}

extension SimulatorFixture where World == MatrixSeeds {
    /// One simulator, virtual clock and client per matrix case (pages of two, jitter seed 7, `matrixToken`), seeded
    /// with what every operation needs (``MatrixSeeds``).
    static func matrix() -> Self {
        let log = LogRecorder()
        return SimulatorFixture(
            options: SimulatorOptions(defaultPageSize: 2), accessToken: matrixToken,
            configuration: Configuration(environment: .production, log: { log.record($0) }, jitterSeed: 7)
        ) { simulator in
            let iTwin = simulator.addITwin(name: "Bridges")
            let otherITwin = simulator.addITwin(name: "Copies")
            let source = simulator.addIModel(
                SimulatorIModelSeed(
                    iTwinId: iTwin, name: "Bridge", description: "The source bridge",
                    extent: IModelExtent(
                        southWest: .init(latitude: 46.1, longitude: 7.2),
                        northEast: .init(latitude: 46.3, longitude: 7.5)),
                    changesetCount: 3, elementCount: 100_000))
            let target = simulator.addIModel(SimulatorIModelSeed(iTwinId: iTwin, name: "Target", elementCount: 0))
            let main = simulator.addIModel(
                SimulatorIModelSeed(iTwinId: iTwin, name: "Main", changesetCount: 2, isMissingFederationGuids: true))
            let pier = simulator.addIModel(SimulatorIModelSeed(iTwinId: iTwin, name: "Pier 1"))
            simulator.addIModel(SimulatorIModelSeed(iTwinId: iTwin, name: "Pier 2"))
            return MatrixSeeds(
                log: log, iTwin: iTwin, otherITwin: otherITwin, source: source, target: target, main: main, pier: pier)
        }
    }

    /// An ImportIModel configuration from the source into the target.
    func importRequest(name: String = "Import Bridge") -> ImportIModelConfigurationRequest {
        ImportIModelConfigurationRequest(
            transformName: name, sourceProjectId: world.iTwin, sourceIModelId: world.source,
            targetProjectId: world.iTwin, targetIModelId: world.target, comment: "Imported by the fault matrix")
    }

    /// How many iModels, configurations and runs the simulator holds, and the largest number of iModels that share
    /// one name in one iTwin.
    var census: Census {
        let iModels = simulator.iModels()
        let perName = Dictionary(grouping: iModels) { "\($0.iTwinId ?? "")/\($0.name.lowercased())" }
        let configurations = simulator.configurationIds
        return Census(
            iModels: iModels.count, mostIModelsSharingAName: perName.values.map(\.count).max() ?? 0,
            configurations: configurations.count,
            runs: configurations.map { simulator.transformations(of: $0).count }.reduce(0, +))
    }
}

/// What the simulator holds at one moment, for duplicate checks.
struct Census: Sendable {
    var iModels: Int
    var mostIModelsSharingAName: Int
    var configurations: Int
    var runs: Int
}

/// How much an operation may create when it succeeds once: more after any fault is a duplicate.
struct Creates: Sendable {
    var iModels = 0
    var configurations = 0
    var runs = 0
}

/// One fault of the matrix: how to make it and what the API contract says about it.
struct MatrixFault: Sendable {
    /// What the fault means for a retry.
    enum Meaning: Sendable {
        /// The server did not act and says so (`429`, `503` with `Retry-After`): retried for every method.
        case notActedRetryable
        /// Transient with an unknown outcome (`5xx`, HTML from a gateway, timeout, lost connection): retried for
        /// idempotent requests, and by the duplicate-safe POSTs after a lookup.
        case transientUnknownOutcome
        /// A valid answer the SDK must read: tolerant decoding (bigger, sparser or richer than documented).
        case tolerable
        /// Values the API does not document yet: a state that is not finished, a type kept as text.
        case unknownValues
        /// An answer that cannot be read (truncated, empty, not JSON): a typed error, or ignored where the body is.
        case unreadable
    }

    let name: String
    let meaning: Meaning
    /// Whether the server acts on the request before the fault (a timeout or lost connection after acting).
    var serverActs = false
    /// Makes the fault at the moment of injection (an HTTP-date is relative to the clock).
    let make: @Sendable (_ now: Date) -> SimulatorFault

    /// The documented rate-limit answer with its headers, and `Retry-After` as given.
    private static func tooManyRequests(retryAfter: String?) -> SimulatorFault {
        var headers: HTTPHeaders = [
            "ITwinPlatform-RateLimited-Tier": "Basic", "ITwinPlatform-RateLimited-API": "iModels",
            "ITwinPlatform-RateLimited-Operation": "*",
        ]
        if let retryAfter { headers["Retry-After"] = retryAfter }
        return .respond(
            status: 429, headers: headers,
            json: #"{"error":{"code":"RateLimitExceeded","message":"The client sent more requests than allowed."}}"#)
    }

    /// An error answer of a gateway or server; the 500 echoes the request's `Authorization`, as debugging
    /// proxies do, so redaction is put to the test.
    private static func serverError(_ status: Int, code: String, retryAfter: String? = nil) -> SimulatorFault {
        let echo = status == 500 ? " Request headers: Authorization: Bearer \(matrixToken)" : ""
        return .respond(
            status: status, headers: retryAfter.map { ["Retry-After": $0] } ?? [:],
            json: #"{"error":{"code":"\#(code)","message":"The server failed.\#(echo)"}}"#)
    }

    /// Every fault of the matrix, in the order of the issue.
    static let all: [MatrixFault] = [
        MatrixFault(name: "429 Retry-After: 7", meaning: .notActedRetryable) { _ in tooManyRequests(retryAfter: "7") },
        MatrixFault(name: "429 Retry-After: <HTTP-date>", meaning: .notActedRetryable) { now in
            tooManyRequests(retryAfter: httpDate(now.addingTimeInterval(7)))
        },
        MatrixFault(name: "429 without Retry-After", meaning: .notActedRetryable) { _ in
            tooManyRequests(retryAfter: nil)
        },
        MatrixFault(name: "429 Retry-After: garbage", meaning: .notActedRetryable) { _ in
            tooManyRequests(retryAfter: "soon, maybe")
        },
        MatrixFault(name: "500", meaning: .transientUnknownOutcome) { _ in
            serverError(500, code: "InternalServerError")
        },
        MatrixFault(name: "502", meaning: .transientUnknownOutcome) { _ in serverError(502, code: "BadGateway") },
        MatrixFault(name: "503 Retry-After: 3", meaning: .notActedRetryable) { _ in
            serverError(503, code: "ServiceUnavailable", retryAfter: "3")
        },
        MatrixFault(name: "503 without Retry-After", meaning: .transientUnknownOutcome) { _ in
            serverError(503, code: "ServiceUnavailable")
        },
        MatrixFault(name: "504", meaning: .transientUnknownOutcome) { _ in serverError(504, code: "GatewayTimeout") },
        MatrixFault(name: "timeout before acting", meaning: .transientUnknownOutcome) { _ in .timeout() },
        MatrixFault(name: "timeout after acting", meaning: .transientUnknownOutcome, serverActs: true) { _ in
            .timeout(afterServerActs: true)
        },
        MatrixFault(name: "connection lost before acting", meaning: .transientUnknownOutcome) { _ in
            .connectionLostBeforeServerActs
        },
        MatrixFault(name: "connection lost after acting", meaning: .transientUnknownOutcome, serverActs: true) { _ in
            .connectionLostAfterServerActs
        },
        MatrixFault(name: "HTML 502", meaning: .transientUnknownOutcome) { _ in .htmlBadGateway },
        MatrixFault(name: "truncated body", meaning: .unreadable) { _ in .truncatedBody },
        MatrixFault(name: "empty body", meaning: .unreadable) { _ in .emptyBody },
        MatrixFault(name: "malformed body", meaning: .unreadable) { _ in .malformedBody },
        MatrixFault(name: "oversized body", meaning: .tolerable) { _ in .oversizedBody() },
        MatrixFault(name: "unknown enum values", meaning: .unknownValues) { _ in .unknownEnumValues },
        MatrixFault(name: "missing optional fields", meaning: .tolerable) { _ in .missingOptionalFields },
        MatrixFault(name: "extra fields", meaning: .tolerable) { _ in .extraFields },
    ]

    /// An IMF-fixdate (`Thu, 01 Jan 2026 00:00:07 GMT`).
    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}

/// How a matrix case ended.
enum MatrixEnding: Sendable {
    case succeeded
    case typedError(ITwinClientError)
    /// Anything but `ITwinClientError` (a `CancellationError` included): never acceptable.
    case untypedError(String)
    /// Still waiting on the virtual clock past the case's budget.
    case virtualTimeExceeded
    /// Still running after the real-time guard: a hang outside the clock.
    case realTimeExceeded
}

/// Runs `operation` while driving the virtual clock, like `VirtualClock.run`, but gives up (cancelling the
/// operation) once the next deadline lies past `virtualBudget` or `realTimeLimit` has passed, so a hang fails its
/// case instead of hanging the test run.
func drive(
    _ clock: VirtualClock, virtualBudget: Duration, realTimeLimit: Duration,
    _ operation: @escaping @Sendable () async throws -> Void
) async -> MatrixEnding {
    let task = Task { () -> MatrixEnding in
        do {
            try await operation()
            return .succeeded
        } catch let error as ITwinClientError {
            return .typedError(error)
        } catch is ExpectationFailedError {
            return .untypedError("a check of the operation's result failed (the issue is recorded above)")
        } catch {
            return .untypedError(String(reflecting: error))
        }
    }
    let ending = Locked<MatrixEnding?>(nil)
    Task {
        let value = await task.value
        ending.withLock { $0 = value }
    }
    let virtualEnd = clock.now.addingTimeInterval(virtualBudget.seconds)
    let realStart = ContinuousClock.now
    while true {
        if let value = ending.withLock({ $0 }) { return value }
        if ContinuousClock.now - realStart > realTimeLimit {
            task.cancel()
            return .realTimeExceeded
        }
        await clock.settle()
        if let value = ending.withLock({ $0 }) { return value }
        if let deadline = clock.nextDeadline {
            if deadline > virtualEnd {
                task.cancel()
                return .virtualTimeExceeded
            }
            clock.advance(to: deadline)
        } else {
            try? await Task.sleep(for: .milliseconds(1))
        }
    }
}

/// The share of the matrix to run: `IMODELS_MATRIX_SCALE` as a divisor (`4` runs every fourth case) or a fraction
/// (`0.25` does the same); unset, invalid or `1` runs every case.
func matrixDivisor() -> Int {
    guard let text = ProcessInfo.processInfo.environment["IMODELS_MATRIX_SCALE"], let value = Double(text), value > 0
    else { return 1 }
    let divisor = value >= 1 ? value : 1 / value
    return max(1, Int(divisor.rounded()))
}
