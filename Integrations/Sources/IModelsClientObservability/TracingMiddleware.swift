import IModelsClient
import Tracing

/// Traces every SDK call and every HTTP attempt through swift-distributed-tracing.
///
/// - A **call span** per SDK call, named after the operation (`"clone"`, `"getIModel"`, …), kind `internal`, opened
///   by ``interceptCall(operation:_:)`` around everything the call does: its attempts, the token requests and the
///   waits between retries. A call that throws marks it as an error (status `error`, the error recorded, `error.type`).
/// - An **attempt span** per HTTP attempt, a child of the call span, named after the HTTP method (`"GET"`, as the
///   OpenTelemetry HTTP conventions name client spans), kind `client`, with the attributes of those conventions:
///   `http.request.method`, `url.full` (no user info; the values of signature query parameters such as `sig`
///   redacted), `server.address`, `server.port`, `http.request.resend_count` (`HTTPRequest.attempt`
///   minus one, so `0` on the first send), `http.request.header.x-correlation-id`, `http.response.status_code`,
///   and `error.type` (the status, for example `"503"`, or the kind of transport failure). An answer of `400` or
///   more, or no answer, sets the status `error`.
/// - The attempt span's context is injected into the request's headers through the tracer's `inject` and an
///   ``HTTPHeadersInjector``, so a W3C tracer (swift-otel's) adds `traceparent` (and `tracestate`) to every attempt,
///   and the server's spans join the trace.
///
/// No header value is ever copied into a span: `Authorization` (which this middleware sees, like every middleware)
/// stays out of attributes, and an error thrown below the middleware is recorded with every credential header's
/// value (`HTTPHeaders.credentialNames`) redacted from its description.
///
/// Put it first in `Configuration.middlewares`, as
/// `Configuration.observed(logger:tracer:metrics:logLevels:)` does, so the middlewares after it run
/// inside the attempt span and see it as `InstrumentationContext.current`.
///
/// ```swift
/// var configuration = Configuration(environment: .production)
/// configuration.middlewares.insert(TracingMiddleware(tracer: InstrumentationSystem.tracer), at: 0)
/// ```
public struct TracingMiddleware: ClientMiddleware {
    /// The tracer spans are started with and contexts are injected by.
    public let tracer: any Tracer

    /// Creates the middleware; by default it uses the process-wide tracer (`InstrumentationSystem.bootstrap`).
    /// Pass a tracer to trace without a global bootstrap (in tests, or for one client only).
    public init(tracer: any Tracer = InstrumentationSystem.tracer) {
        self.tracer = tracer
    }

    /// Runs the call inside a span named after `operation`, the parent of every attempt span of the call.
    public func interceptCall<Value>(operation: String, _ call: () async throws -> Value) async throws -> Value {
        let span = tracer.startSpan(operation, context: InstrumentationContext.current ?? .topLevel, ofKind: .internal)
        defer { span.end() }
        do {
            return try await InstrumentationContext.withValue(span.context) { try await call() }
        } catch {
            span.attributes[SpanAttributeName.errorType] = ErrorType.of(error)
            span.recordError(error)
            span.setStatus(SpanStatus(code: .error))
            throw error
        }
    }

    /// Sends one attempt inside a client span named after its method, with the span's context injected into the
    /// request's headers.
    public func intercept(
        _ request: HTTPRequest, operation: String,
        next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        let span = tracer.startSpan(
            request.method.rawValue, context: InstrumentationContext.current ?? .topLevel, ofKind: .client)
        defer { span.end() }
        span.updateAttributes { HTTPSpanAttributes.describe(request, in: &$0) }
        var request = request
        tracer.inject(span.context, into: &request.headers, using: HTTPHeadersInjector())
        do {
            let response = try await InstrumentationContext.withValue(span.context) { try await next(request) }
            span.updateAttributes { HTTPSpanAttributes.describe(response, in: &$0) }
            if response.status >= 400 { span.setStatus(SpanStatus(code: .error)) }
            return response
        } catch {
            span.attributes[SpanAttributeName.errorType] = ErrorType.of(error)
            span.recordError(CredentialRedaction(of: request.headers).redacting(error))
            span.setStatus(SpanStatus(code: .error))
            throw error
        }
    }
}
