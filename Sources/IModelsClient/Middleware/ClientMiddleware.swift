/// Code that runs around every HTTP attempt the client makes: to add headers, observe attempts (logs, traces,
/// metrics), or answer from elsewhere.
///
/// Middlewares run in the order of ``Configuration/middlewares``, once per attempt, after the client has passed the
/// rate-limit gate and authorized the request and before the transport sends it; retries run them again. So a
/// middleware sees every attempt with its final headers, **including `Authorization`** (the bearer token): never log
/// or forward it. ``HTTPHeaders/credentialNames`` lists the headers to keep out of logs.
///
/// A middleware may change the request's headers, timeout and body before calling `next`, and may return a response
/// of its own without calling it. It must not change the method or the URL's origin: the client checked them and
/// decides retries and duplicate safety by them. An error it throws ends the attempt like a transport failure: a
/// ``TransportFailure`` is retried by the client's rules, and any other error is treated as a failure that may have
/// reached the server (never retried for a request that is not idempotent).
///
/// The shape is that of swift-openapi-runtime's `ClientMiddleware`:
///
/// ```swift
/// struct TenantHeader: ClientMiddleware {
///     func intercept(
///         _ request: HTTPRequest, operation: String,
///         next: @Sendable (HTTPRequest) async throws -> HTTPResponse
///     ) async throws -> HTTPResponse {
///         var request = request
///         request.headers["X-Tenant"] = "contoso"
///         return try await next(request)
///     }
/// }
/// ```
public protocol ClientMiddleware: Sendable {
    /// Handles one attempt: `operation` names the SDK call (`"clone"`, `"getIModel"`, …); `next` sends the request
    /// on (to the next middleware, then the transport).
    func intercept(
        _ request: HTTPRequest, operation: String,
        next: @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse

    /// Runs around one whole SDK call: every attempt, the token requests and the waits between retries, until the
    /// call returns or throws. For what spans a call (a tracing span whose children are the attempts). The default
    /// runs `call` and nothing else.
    func interceptCall<Value>(operation: String, _ call: () async throws -> Value) async throws -> Value
}

extension ClientMiddleware {
    /// Runs the call and nothing else.
    public func interceptCall<Value>(operation: String, _ call: () async throws -> Value) async throws -> Value {
        try await call()
    }
}
