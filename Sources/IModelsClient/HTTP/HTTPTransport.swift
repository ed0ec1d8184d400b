/// Sends one HTTP request and returns the server's complete answer.
///
/// The transport is the only layer that touches the network. It does not retry, authorize, or map statuses
/// to errors: the client's pipeline does that once for every transport. Use ``URLSessionTransport`` in
/// production, `IModelsSimulator` or `StubTransport` (module `IModelsTesting`) in tests, or write your own.
///
/// A transport answers every status code with a ``HTTPResponse`` (a 500 is a response, not an error). When no
/// answer arrives it throws a ``TransportFailure`` that says whether the request may have reached the server;
/// it throws `CancellationError` when the calling task is cancelled.
public protocol HTTPTransport: Sendable {
    /// Sends the request and returns the answer, or throws ``TransportFailure`` or `CancellationError`.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
