/// Sends a request through a transport and ends the caller's wait at the request's timeout, even when the
/// transport never returns.
///
/// Every transport is asked to honour ``HTTPRequest/timeout`` and cancellation, but the SDK's deadlines must not
/// depend on it: a transport that never answers after cancellation (measured on Linux: a request through
/// `URLSession` whose connection was lost waited 6 minutes past its 60 s timeout inside a task group that waited
/// for it) would otherwise keep the caller waiting for ever. The send runs in a task of its own; when the timeout
/// passes (in real time, as transports measure it) or the caller is cancelled, the caller gets a
/// ``TransportFailure/Kind/timedOut`` failure or `CancellationError` at once, and the send is cancelled and left
/// to end on its own. A transport whose ``HTTPTransport/guaranteesDeadlines`` is `true` keeps that promise itself
/// and is called directly.
package enum TransportDeadline {
    /// The transport's answer, or a timeout failure once `request.timeout` has passed.
    static func send(_ request: HTTPRequest, through transport: any HTTPTransport) async throws -> HTTPResponse {
        if transport.guaranteesDeadlines { return try await transport.send(request) }
        return try await guarding(request) { try await transport.send(request) }
    }

    /// The answer of `send`, or a timeout failure once `request.timeout` has passed (no guard without a timeout).
    /// For a transport that promises ``HTTPTransport/guaranteesDeadlines`` but calls code it does not control
    /// (`StubTransport`'s handlers).
    package static func guarding(
        _ request: HTTPRequest, _ send: @escaping @Sendable () async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        guard let timeout = request.timeout else { return try await send() }
        try Task.checkCancellation()  // the send below runs in a task of its own, which would not see it
        let outcome = FirstOutcome<HTTPResponse>()
        let send = Task {
            do {
                outcome.settle(.success(try await send()))
            } catch {
                outcome.settle(.failure(error))
            }
        }
        outcome.onSettle { send.cancel() }
        outcome.settle(after: timeout) { TransportFailure.timedOut(operation: request.operation, after: timeout) }
        return try await outcome.value()
    }
}
