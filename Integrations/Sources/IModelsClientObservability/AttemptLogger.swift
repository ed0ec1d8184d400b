import IModelsClient
import Logging

/// Logs every HTTP attempt of an `ITwinClient` through swift-log, one record per attempt.
///
/// It reads the client's `Configuration.log` events rather than wrapping attempts as a middleware:
/// whether and when an attempt is retried is the pipeline's decision, made after the attempt has returned, so only
/// the `LogEvent` carries the retry delay (and a `401` answered by a token refresh shows up there as
/// a retry with no delay). The event also carries the elapsed time on the client's clock, the correlation id and the
/// transport failure, and it holds no credential: `Authorization` is redacted before the event exists. This logger
/// copies no header at all into the record except the correlation id.
///
/// Metadata keys (dot-separated, as swift-log's structured-logging practice asks; HTTP ones in OpenTelemetry names):
///
/// | Key | Value |
/// |---|---|
/// | `imodels.operation` | the SDK operation, `getIModel` |
/// | `imodels.attempt` | `1` for the first send |
/// | `imodels.correlation_id` | the request's `X-Correlation-Id` |
/// | `http.request.method` | `GET` |
/// | `url.full` | the request URL |
/// | `http.response.status_code` | the status, absent when no answer came |
/// | `imodels.retry_delay_seconds` | the wait before the next attempt, absent when there is none |
/// | `imodels.elapsed_seconds` | how long the attempt took on the client's clock |
/// | `imodels.failure` | the transport failure, absent when an answer came |
///
/// The level depends on the outcome (see ``Levels``): by default `debug` for an answer below `400`, `info` for an
/// attempt the client retries, and `debug` for a final failure, which the call throws anyway.
///
/// The hook runs in the task of the SDK call, inside its call span when ``TracingMiddleware`` is installed, so a
/// `Logger.MetadataProvider` that reads the current span (swift-otel's) adds the trace and span ids.
///
/// ```swift
/// let attempts = AttemptLogger(logger: Logger(label: "imodels"))
/// configuration.log = { attempts.log($0) }
/// ```
public struct AttemptLogger: Sendable {
    /// The logger records go to.
    public var logger: Logger
    /// The level of each outcome.
    public var levels: Levels

    /// Creates a logger of attempts writing to `logger`, at `levels` (by default ``Levels/library``).
    public init(logger: Logger, levels: Levels = .library) {
        self.logger = logger
        self.levels = levels
    }

    /// Logs one attempt.
    public func log(_ event: IModelsClient.LogEvent) {
        logger.log(level: levels.level(of: event), "\(Self.message(for: event))", metadata: Self.metadata(of: event))
    }

    /// The record's message: `getIModel GET → 503, retrying in 0.5 s`.
    static func message(for event: IModelsClient.LogEvent) -> String {
        var text = "\(event.operation) \(event.method.rawValue) → "
        text += event.status.map(String.init) ?? "no answer"
        if let delay = event.retryDelay {
            text += ", retrying in \(delay.seconds) s"
        }
        return text
    }

    /// The record's metadata; see the table above.
    static func metadata(of event: IModelsClient.LogEvent) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "imodels.operation": "\(event.operation)",
            "imodels.attempt": "\(event.attempt)",
            "imodels.correlation_id": "\(event.correlationId)",
            "http.request.method": "\(event.method.rawValue)",
            "url.full": "\(HTTPSpanAttributes.fullURL(event.url))",
            "imodels.elapsed_seconds": "\(event.elapsed.seconds)",
        ]
        if let status = event.status { metadata["http.response.status_code"] = "\(status)" }
        if let delay = event.retryDelay { metadata["imodels.retry_delay_seconds"] = "\(delay.seconds)" }
        if let failure = event.failure { metadata["imodels.failure"] = "\(failure)" }
        return metadata
    }
}
