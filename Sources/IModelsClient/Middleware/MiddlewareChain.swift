/// The configured middlewares in front of the transport: one attempt goes through each in order, then the transport.
///
/// The caller's deadline holds whatever the middlewares do: without middlewares the transport is guarded as
/// ``TransportDeadline`` says; with them the whole chain is guarded at the attempt's timeout, since a middleware
/// may wait on anything.
struct MiddlewareChain: Sendable {
    let middlewares: [any ClientMiddleware]
    let transport: any HTTPTransport

    /// Sends one attempt through the middlewares and the transport.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        if middlewares.isEmpty { return try await TransportDeadline.send(request, through: transport) }
        return try await TransportDeadline.guarding(request) {
            try await send(request, from: middlewares[...])
        }
    }

    /// Runs one whole call inside every middleware's ``ClientMiddleware/interceptCall(operation:_:)``, the first
    /// outermost.
    func call<Value>(_ operation: String, _ body: () async throws -> Value) async throws -> Value {
        if middlewares.isEmpty { return try await body() }
        return try await call(operation, from: middlewares[...], body)
    }

    private func call<Value>(
        _ operation: String, from rest: ArraySlice<any ClientMiddleware>, _ body: () async throws -> Value
    ) async throws -> Value {
        guard let middleware = rest.first else { return try await body() }
        return try await middleware.interceptCall(operation: operation) {
            try await call(operation, from: rest.dropFirst(), body)
        }
    }

    private func send(_ request: HTTPRequest, from rest: ArraySlice<any ClientMiddleware>) async throws -> HTTPResponse
    {
        guard let middleware = rest.first else { return try await transport.send(request) }
        return try await middleware.intercept(request, operation: request.operation) { next in
            try await send(next, from: rest.dropFirst())
        }
    }
}
