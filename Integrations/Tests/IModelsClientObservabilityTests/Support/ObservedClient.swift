import CoreMetrics
import Foundation
import IModelsClient
import IModelsClientObservability
import IModelsTesting
import InMemoryLogging
import InMemoryTracing
import Logging
import MetricsTestKit
import Tracing

/// A client over a transport of the test's choosing, observed through in-memory swift-log, tracing and metrics
/// backends passed explicitly (no process-wide bootstrap), on a ``VirtualClock``.
struct ObservedClient {
    /// The token every attempt carries; it must appear in no log record, span or metric.
    static let token = "tok-SECRET-3c9e7f1d"
    /// The base URL the client talks to.
    static let baseURL = URL(string: "https://api.example.test")!

    let clock: VirtualClock
    let logs = InMemoryLogHandler()
    let tracer = W3CInMemoryTracer()
    let metrics = TestMetrics()
    let client: ITwinClient

    /// A client over `transport` with `configuration`'s settings (its clock is replaced by `clock`).
    init(
        transport: any HTTPTransport, clock: VirtualClock = VirtualClock(), token: String = ObservedClient.token,
        levels: AttemptLogger.Levels = .library, configure: (inout Configuration) -> Void = { _ in }
    ) {
        self.clock = clock
        var logs = logs
        logs.logLevel = .trace
        let logger = Logger(label: "observed", factory: { _ in logs })
        var configuration = Configuration(environment: .custom(Self.baseURL), clock: clock, jitterSeed: 42)
        configure(&configuration)
        configuration = configuration.observed(logger: logger, tracer: tracer, metrics: metrics, logLevels: levels)
        client = ITwinClient(configuration: configuration, accessToken: { token }, transport: transport)
    }

    /// Runs `call` on the virtual clock until it ends.
    func run<Value: Sendable>(_ call: @escaping @Sendable () async throws -> Value) async throws -> Value {
        try await clock.run { try await call() }
    }

    /// The call every stubbed test makes: `createOperation(of: "abc")`, on the virtual clock.
    @discardableResult
    func createOperation() async throws -> CreateOperation {
        try await run { [client] in try await client.iModels.createOperation(of: "abc") }
    }

    /// The finished spans named `name`, in the order they ended.
    func spans(named name: String) -> [FinishedInMemorySpan] {
        tracer.finishedSpans.filter { $0.operationName == name }
    }

    /// Every string the three backends recorded: log messages and metadata, span names, attributes, events and
    /// errors, metric labels and dimensions.
    var everyRecordedString: [String] {
        var strings: [String] = []
        for entry in logs.entries {
            strings.append("\(entry.message)")
            strings.append(contentsOf: entry.metadata.flatMap { [$0.key, "\($0.value)"] })
            if let error = entry.error { strings.append(String(describing: error)) }
        }
        for span in tracer.finishedSpans {
            strings.append(span.operationName)
            // `SpanAttributes` is not a sequence; `forEach(_:)` is its only way to list them all.
            func note(_ key: String, _ value: SpanAttribute) { strings += [key, "\(value)"] }
            span.attributes.forEach(note)
            strings.append(contentsOf: span.events.map { "\($0.name) \($0.attributes)" })
            strings.append(contentsOf: span.errors.map { "\($0.error) \($0.attributes)" })
            if let status = span.status { strings.append("\(status)") }
        }
        let metrics =
            self.metrics.counters.map { ($0.label, $0.dimensions) }
            + self.metrics.timers.map { ($0.label, $0.dimensions) }
        for (label, dimensions) in metrics {
            strings.append(label)
            strings.append(contentsOf: dimensions.flatMap { [$0.0, $0.1] })
        }
        return strings
    }
}

extension FinishedInMemorySpan {
    /// The attribute `name` as text (`"503"`, `"GET"`), or `nil` when the span lacks it.
    func attribute(_ name: String) -> String? {
        switch attributes.get(name) {
        case .int64(let value)?: return String(value)
        case .int32(let value)?: return String(value)
        case .string(let value)?: return value
        case .stringArray(let values)?: return values.joined(separator: ",")
        case let other?: return "\(other)"
        case nil: return nil
        }
    }
}
