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

    /// Whether ``send(_:)`` always ends by the request's ``HTTPRequest/timeout``, and at once when the calling task
    /// is cancelled, whatever the layer below it does.
    ///
    /// The client's deadlines must not depend on a transport honouring cancellation, so it runs every request of a
    /// transport that does not promise this in a task of its own under a timer, and stops waiting for it at the
    /// timeout (about 4 µs a request, measured with the call-overhead benchmark). ``URLSessionTransport`` keeps the
    /// promise itself and says `true`; so may a transport that answers from memory at once. Default `false`.
    var guaranteesDeadlines: Bool { get }
}

extension HTTPTransport {
    /// `false`: the client guards the transport's requests with deadlines of its own.
    public var guaranteesDeadlines: Bool { false }
}
