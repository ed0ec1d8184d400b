import Foundation
import InMemoryTracing
import Tracing

/// swift-distributed-tracing's `InMemoryTracer`, with W3C-shaped ids (32 and 16 hex digits) and an `inject` that
/// writes `traceparent` as a W3C propagator (swift-otel's) does. `InMemoryTracer` itself injects keys of its own
/// (`in-memory-trace-id`), which is not what a server receives in production.
struct W3CInMemoryTracer: Tracer {
    /// The tracer that records the spans.
    let recorder: InMemoryTracer

    init() {
        let ids = IDSequence()
        recorder = InMemoryTracer(
            idGenerator: InMemoryTracer.IDGenerator(
                nextTraceID: { ids.next(hexDigits: 32) }, nextSpanID: { ids.next(hexDigits: 16) }))
    }

    /// Every span that ended, in the order they ended.
    var finishedSpans: [FinishedInMemorySpan] { recorder.finishedSpans }

    func startSpan<Instant: TracerInstant>(
        _ operationName: String, context: @autoclosure () -> InstrumentationContext, ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant, function: String, file fileID: String, line: UInt
    ) -> InMemorySpan {
        recorder.startSpan(
            operationName, context: context(), ofKind: kind, at: instant(), function: function, file: fileID,
            line: line)
    }

    func activeSpan(identifiedBy context: InstrumentationContext) -> InMemorySpan? {
        recorder.activeSpan(identifiedBy: context)
    }

    func forceFlush() { recorder.forceFlush() }

    func inject<Carrier, Inject: Injector>(
        _ context: InstrumentationContext, into carrier: inout Carrier, using injector: Inject
    ) where Inject.Carrier == Carrier {
        guard let span = context.inMemorySpanContext else { return }
        injector.inject("00-\(span.traceID)-\(span.spanID)-01", forKey: "traceparent", into: &carrier)
    }

    func extract<Carrier, Extract: Extractor>(
        _ carrier: Carrier, into context: inout InstrumentationContext, using extractor: Extract
    ) where Extract.Carrier == Carrier {
        recorder.extract(carrier, into: &context, using: extractor)
    }
}

/// Counts up, for ids that are unique and reproducible.
private struct IDSequence: Sendable {
    private let value = LockedBox<UInt64>(0)

    func next(hexDigits: Int) -> String {
        let number = value.withLock {
            $0 += 1
            return $0
        }
        let hex = String(number, radix: 16)
        return String(repeating: "0", count: max(0, hexDigits - hex.count)) + hex
    }
}
