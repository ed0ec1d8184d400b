import CoreMetrics
import IModelsClient

/// Counts the HTTP attempts of an `ITwinClient` and times them through swift-metrics.
///
/// Like ``AttemptLogger`` it reads the client's `Configuration.log` events, one per attempt, so every
/// figure comes from the pipeline's own record of the attempt (status, attempt number, elapsed time on the client's
/// clock) and holds no credential.
///
/// | Label | Kind | Dimensions | Counts |
/// |---|---|---|---|
/// | `imodels_client_requests_total` | counter | `operation`, `method`, `status_class` | every attempt |
/// | `imodels_client_retries_total` | counter | `operation`, `method` | every attempt after the first of a call (a resend after a `401` too) |
/// | `imodels_client_rate_limited_total` | counter | `operation`, `method` | every `429` answer |
/// | `imodels_client_attempt_duration_seconds` | timer | `operation`, `method`, `status_class` | each attempt's duration (display unit: seconds) |
///
/// `operation` is the SDK operation (`getIModel`, `clone`, …), `method` the HTTP method, and `status_class` one of
/// `1xx`, `2xx`, `3xx`, `4xx`, `5xx`, `none` when no answer came (or `other` for a status outside
/// `100...599`). No dimension takes an id, a URL or a header, so
/// the number of series stays small. The labels are ``Label``'s and do not change between releases.
///
/// ```swift
/// let metrics = RequestMetrics(factory: MetricsSystem.factory)
/// configuration.log = { metrics.record($0) }
/// ```
public struct RequestMetrics: Sendable {
    /// The labels of the metrics, fixed.
    public enum Label {
        /// Every attempt: `imodels_client_requests_total`.
        public static let requests = "imodels_client_requests_total"
        /// Every attempt after a call's first: `imodels_client_retries_total`.
        public static let retries = "imodels_client_retries_total"
        /// Every `429` answer: `imodels_client_rate_limited_total`.
        public static let rateLimited = "imodels_client_rate_limited_total"
        /// The duration of each attempt: `imodels_client_attempt_duration_seconds`.
        public static let attemptDuration = "imodels_client_attempt_duration_seconds"
    }

    /// The factory the metrics are made by.
    public let factory: any MetricsFactory

    /// Creates the metrics; by default they go to the process-wide factory (`MetricsSystem.bootstrap`). Pass a
    /// factory to record without a global bootstrap (in tests, or for one client only).
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    /// Records one attempt.
    public func record(_ event: IModelsClient.LogEvent) {
        let call = [("operation", event.operation), ("method", event.method.rawValue)]
        let outcome = call + [("status_class", Self.statusClass(event.status))]
        Counter(label: Label.requests, dimensions: outcome, factory: factory).increment()
        if event.attempt > 1 { Counter(label: Label.retries, dimensions: call, factory: factory).increment() }
        if event.status == 429 { Counter(label: Label.rateLimited, dimensions: call, factory: factory).increment() }
        CoreMetrics.Timer(
            label: Label.attemptDuration, dimensions: outcome, preferredDisplayUnit: .seconds, factory: factory
        ).recordNanoseconds(event.elapsed.nanoseconds)
    }

    /// `2xx` for `204`; `none` when no answer came; `other` for a status outside `100...599`.
    static func statusClass(_ status: Int?) -> String {
        guard let status else { return "none" }
        return (100...599).contains(status) ? "\(status / 100)xx" : "other"
    }
}
