import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The default ``HTTPTransport``: sends requests with `URLSession`s it owns.
///
/// Every status code comes back as an ``HTTPResponse``. When no answer arrives, ``send(_:)`` throws a
/// ``TransportFailure`` whose ``TransportFailure/requestMayHaveReachedServer`` is `false` only when the
/// connection could not be made; cancelling the calling task cancels the request and throws `CancellationError`.
/// ``HTTPRequest/timeout`` ends the caller's wait on time even if the session never finishes the task.
///
/// Redirects keep the token on its origin: a redirect to the same scheme, host and port is followed unchanged,
/// one to another origin is followed without the `Authorization` header, and one from `https` to `http` is not
/// followed (``send(_:)`` throws ``TransportFailure/Kind/redirectRefused``). URLSession on Linux would otherwise
/// forward `Authorization` anywhere. Do not rely on a redirected `POST` keeping its body: on Linux a 307 or 308
/// resends it empty.
///
/// A body larger than ``maximumResponseBodySize`` (counted after libcurl unpacks a compressed answer) is not read:
/// ``send(_:)`` throws ``TransportFailure/Kind/responseTooLarge``.
///
/// **Requests that must not be sent twice travel on a new connection each.** Measured on Linux (Swift 6.3.1,
/// libcurl 7.88): when a request with a body goes out on a reused keep-alive connection that the server closes
/// before answering, libcurl resends it on a new connection with its `Content-Length` but *without its body*; the
/// server waits for the body, and the call stalls until the request timeout while spinning a core. A `GET` on such
/// a connection fails at once (after one silent resend, harmless for a safe method), and idle keep-alive closes are
/// detected before reuse. So each request that is not idempotent (`POST`, `PATCH`) or has a body goes through a
/// session of its own, created for it and released after it, with `Connection: close`: no connection is ever
/// reused for it, and a lost connection fails in milliseconds with the request sent once. (`Connection: close`
/// alone is not enough: measured, libcurl reuses the connection when the server keeps it open anyway.) Idempotent
/// requests without a body (`GET`, `HEAD`, `DELETE`) keep reusing the connections of the transport's long-lived
/// session.
///
/// Create one transport and share it; call ``shutdown()`` when you no longer need it.
public final class URLSessionTransport: HTTPTransport {
    /// The configuration every session of the transport uses.
    private let configuration: URLSessionConfiguration
    /// The long-lived session for idempotent requests without a body, and its delegate.
    private let reusing: (session: URLSession, router: URLSessionTaskRouter)
    private let isShutDown = Locked(false)

    /// The largest response body accepted, in bytes (after decompression).
    public let maximumResponseBodySize: Int

    /// Creates a transport whose sessions use a copy of `configuration` (`.ephemeral` by default: nothing is
    /// written to disk, no shared cookies or cache).
    ///
    /// Use the configuration for timeouts, proxies, caching and extra headers. An `Authorization` entry in its
    /// `httpAdditionalHeaders` is removed: the session would add it to requests redirected to other origins, and
    /// the client authorizes every request itself.
    ///
    /// - Parameters:
    ///   - configuration: the sessions' configuration (copied).
    ///   - maximumResponseBodySize: the largest body read, in bytes; a larger answer fails with
    ///     ``TransportFailure/Kind/responseTooLarge``. Default ``HTTPResponse/defaultMaximumBodySize`` (32 MiB).
    public init(
        configuration: URLSessionConfiguration = .ephemeral,
        maximumResponseBodySize: Int = HTTPResponse.defaultMaximumBodySize
    ) {
        let copy = configuration.copy() as? URLSessionConfiguration ?? configuration
        if let headers = copy.httpAdditionalHeaders {
            copy.httpAdditionalHeaders = headers.filter {
                ($0.key.base as? String)?.lowercased() != "authorization"
            }
        }
        self.configuration = copy
        reusing = Self.makeSession(copy)
        self.maximumResponseBodySize = max(0, maximumResponseBodySize)
    }

    deinit {
        if !isShutDown.withLock({ $0 }) { reusing.session.finishTasksAndInvalidate() }
    }

    private static func makeSession(_ configuration: URLSessionConfiguration) -> (URLSession, URLSessionTaskRouter) {
        let router = URLSessionTaskRouter()
        return (URLSession(configuration: configuration, delegate: router, delegateQueue: nil), router)
    }

    /// `true`: every request ends at its timeout by a timer of the transport's own, whether or not URLSession ends
    /// the task.
    public var guaranteesDeadlines: Bool { true }

    /// Lets requests in flight finish and then releases the session; later calls to ``send(_:)`` throw.
    ///
    /// Call it once no more requests will be sent (a ``send(_:)`` racing with it may fail). Releasing the
    /// transport does the same.
    public func shutdown() {
        let first = isShutDown.withLock { wasShutDown in
            defer { wasShutDown = true }
            return !wasShutDown
        }
        if first { reusing.session.finishTasksAndInvalidate() }
    }

    /// Sends the request and returns the server's answer, whatever its status.
    ///
    /// `request.timeout`, when set, bounds the whole exchange, whether or not the session ends its task; without
    /// it the configuration's `timeoutIntervalForRequest` applies (the longest wait for data).
    ///
    /// - Throws: ``TransportFailure`` when no answer arrived, `CancellationError` when the task was cancelled.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try Task.checkCancellation()
        if isShutDown.withLock({ $0 }) {
            throw TransportFailure(
                operation: request.operation,
                kind: .other,
                underlyingDescription: "the URLSessionTransport was shut down",
                requestMayHaveReachedServer: false
            )
        }
        let onFreshConnection = Self.mustNotBeResent(request)
        let (session, router) = onFreshConnection ? Self.makeSession(configuration) : reusing
        let exchange = URLSessionExchange(request: request, maximumBodySize: maximumResponseBodySize)
        let task = session.dataTask(with: Self.urlRequest(for: request, onFreshConnection: onFreshConnection))
        router.register(exchange, for: task)
        exchange.outcome.onSettle {
            router.remove(task)
            task.cancel()  // nothing once the task has completed
            if onFreshConnection { session.finishTasksAndInvalidate() }
        }
        if let timeout = request.timeout {
            exchange.outcome.settle(after: timeout) {
                TransportFailure.timedOut(operation: request.operation, after: timeout)
            }
        }
        task.resume()
        return try await exchange.outcome.value()
    }

    /// Whether the request goes on a connection of its own: its method is not idempotent (`POST`, `PATCH`), or it
    /// carries a body (which libcurl would resend empty).
    static func mustNotBeResent(_ request: HTTPRequest) -> Bool {
        request.body != nil || !request.method.isIdempotent
    }

    private static func urlRequest(for request: HTTPRequest, onFreshConnection: Bool) -> URLRequest {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method.rawValue
        for field in request.headers {
            urlRequest.addValue(field.value, forHTTPHeaderField: field.name)
        }
        if onFreshConnection { urlRequest.setValue("close", forHTTPHeaderField: "Connection") }
        urlRequest.httpBody = request.body
        if let timeout = request.timeout {
            // A backstop only: the exchange's own timer enforces the exact limit. URLSession on Linux truncates
            // `timeoutInterval` to whole seconds (0.5 s times out at once), so round up to at least 1 s.
            let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
            urlRequest.timeoutInterval = max(1, seconds.rounded(.up))
        }
        return urlRequest
    }
}
