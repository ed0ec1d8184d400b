import CoreMetrics
import IModelsClient
import Logging
import Tracing

extension Configuration {
    /// A copy of this configuration that logs, traces and counts every call and attempt.
    ///
    /// - ``TracingMiddleware`` is put first in `Configuration.middlewares` (the middlewares already
    ///   there run inside its attempt spans).
    /// - ``AttemptLogger`` and ``RequestMetrics`` are called from `Configuration.log`, after the `log`
    ///   closure already set, which keeps being called.
    ///
    /// Each part defaults to its process-wide system: `LoggingSystem` (standard output at `info` until bootstrapped),
    /// `InstrumentationSystem` and `MetricsSystem` (nothing until bootstrapped). Pass `nil` to leave a part out, or an
    /// instance to use it without a global bootstrap. Call it once per configuration: a second call adds a second
    /// tracing middleware and logs and counts every attempt twice.
    ///
    /// ```swift
    /// let configuration = Configuration(environment: .production)
    ///     .observed(logger: Logger(label: "imodels"), tracer: InstrumentationSystem.tracer)
    /// let client = ITwinClient(configuration: configuration, accessToken: tokens.current, transport: transport)
    /// ```
    ///
    /// - Parameters:
    ///   - logger: where attempts are logged, at `logLevels`; `nil` logs nothing.
    ///   - tracer: what starts the call and attempt spans and injects `traceparent`; `nil` traces nothing.
    ///   - metrics: what makes the counters and the timer (labels in ``RequestMetrics``); `nil` counts nothing.
    ///   - logLevels: the level of each outcome (``AttemptLogger/Levels/library`` by default).
    public func observed(
        logger: Logger? = Logger(label: "IModelsClient"),
        tracer: (any Tracer)? = InstrumentationSystem.tracer,
        metrics: (any MetricsFactory)? = MetricsSystem.factory,
        logLevels: AttemptLogger.Levels = .library
    ) -> Configuration {
        var copy = self
        if let tracer { copy.middlewares.insert(TracingMiddleware(tracer: tracer), at: 0) }
        let attempts = logger.map { AttemptLogger(logger: $0, levels: logLevels) }
        let counts = metrics.map { RequestMetrics(factory: $0) }
        guard attempts != nil || counts != nil else { return copy }
        let previous = log
        copy.log = { event in
            previous?(event)
            attempts?.log(event)
            counts?.record(event)
        }
        return copy
    }
}
