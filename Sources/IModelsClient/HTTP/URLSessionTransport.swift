import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The default ``HTTPTransport``: sends requests with one long-lived `URLSession` it owns.
///
/// Every status code comes back as an ``HTTPResponse``. When no answer arrives, ``send(_:)`` throws a
/// ``TransportFailure`` whose ``TransportFailure/requestMayHaveReachedServer`` is `false` only when the
/// connection could not be made; cancelling the calling task cancels the request and throws `CancellationError`.
///
/// Redirects keep the token on its origin: a redirect to the same scheme, host and port is followed unchanged,
/// one to another origin is followed without the `Authorization` header, and one from `https` to `http` is not
/// followed (``send(_:)`` throws ``TransportFailure/Kind/redirectRefused``). URLSession on Linux would otherwise
/// forward `Authorization` anywhere. Do not rely on a redirected `POST` keeping its body: on Linux a 307 or 308
/// resends it empty.
///
/// Create one transport and share it; call ``shutdown()`` when you no longer need it.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession
    private let isShutDown = Locked(false)

    /// Creates a transport whose session uses a copy of `configuration` (`.ephemeral` by default: nothing is
    /// written to disk, no shared cookies or cache).
    ///
    /// Use the configuration for timeouts, proxies, caching and extra headers. An `Authorization` entry in its
    /// `httpAdditionalHeaders` is removed: the session would add it to requests redirected to other origins, and
    /// the client authorizes every request itself.
    public init(configuration: URLSessionConfiguration = .ephemeral) {
        let copy = configuration.copy() as? URLSessionConfiguration ?? configuration
        if let headers = copy.httpAdditionalHeaders {
            copy.httpAdditionalHeaders = headers.filter {
                ($0.key.base as? String)?.lowercased() != "authorization"
            }
        }
        session = URLSession(configuration: copy, delegate: URLSessionRedirectGuard(), delegateQueue: nil)
    }

    deinit {
        if !isShutDown.withLock({ $0 }) { session.finishTasksAndInvalidate() }
    }

    /// Lets requests in flight finish and then releases the session; later calls to ``send(_:)`` throw.
    ///
    /// Call it once no more requests will be sent (a ``send(_:)`` racing with it may fail). Releasing the
    /// transport does the same.
    public func shutdown() {
        let first = isShutDown.withLock { wasShutDown in
            defer { wasShutDown = true }
            return !wasShutDown
        }
        if first { session.finishTasksAndInvalidate() }
    }

    /// Sends the request and returns the server's answer, whatever its status.
    ///
    /// `request.timeout`, when set, bounds the whole exchange; without it the configuration's
    /// `timeoutIntervalForRequest` applies (the longest wait for data).
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
        let urlRequest = Self.urlRequest(for: request)
        do {
            guard let timeout = request.timeout else { return try await exchange(urlRequest, for: request) }
            return try await withDeadline(timeout, for: request) { try await self.exchange(urlRequest, for: request) }
        } catch let failure as TransportFailure {
            throw failure
        } catch {
            throw Self.mapped(error, for: request)
        }
    }

    /// One round trip through the session, turned into an ``HTTPResponse``.
    private func exchange(_ urlRequest: URLRequest, for request: HTTPRequest) async throws -> HTTPResponse {
        let (data, response) = try await session.data(for: urlRequest)
        guard let http = response as? HTTPURLResponse else {
            throw TransportFailure(
                operation: request.operation,
                kind: .other,
                underlyingDescription: "the answer is not an HTTP response",
                requestMayHaveReachedServer: true
            )
        }
        if let refusal = Self.refusedRedirect(http, for: request) { throw refusal }
        return HTTPResponse(status: http.statusCode, headers: Self.headers(of: http), body: data)
    }

    /// Runs `body`, throwing a ``TransportFailure/Kind/timedOut`` failure (and cancelling `body`) when it takes
    /// longer than `timeout`.
    private func withDeadline(
        _ timeout: Duration,
        for request: HTTPRequest,
        _ body: @escaping @Sendable () async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        try await withThrowingTaskGroup(of: HTTPResponse?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            if let response = try await group.next(), let response {
                return response
            }
            try Task.checkCancellation()
            throw TransportFailure(
                operation: request.operation,
                kind: .timedOut,
                underlyingDescription: "no complete answer within \(timeout)",
                requestMayHaveReachedServer: true
            )
        }
    }

    private static func urlRequest(for request: HTTPRequest) -> URLRequest {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method.rawValue
        for field in request.headers {
            urlRequest.addValue(field.value, forHTTPHeaderField: field.name)
        }
        urlRequest.httpBody = request.body
        if let timeout = request.timeout {
            // A backstop only: `withDeadline` enforces the exact limit. URLSession on Linux truncates
            // `timeoutInterval` to whole seconds (0.5 s times out at once), so round up to at least 1 s.
            let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
            urlRequest.timeoutInterval = max(1, seconds.rounded(.up))
        }
        return urlRequest
    }

    /// The response's header fields, in a stable order (URLSession gives them as a dictionary).
    private static func headers(of response: HTTPURLResponse) -> HTTPHeaders {
        let pairs = response.allHeaderFields.compactMap { key, value -> (String, String)? in
            guard let name = key.base as? String else { return nil }
            return (name, (value as? String) ?? String(describing: value))
        }
        return HTTPHeaders(pairs.sorted { $0.0.lowercased() < $1.0.lowercased() })
    }

    /// The failure for a 3xx answer whose redirect ``RedirectPolicy`` refused (the session returns it as is).
    private static func refusedRedirect(_ response: HTTPURLResponse, for request: HTTPRequest) -> TransportFailure? {
        let source = response.url ?? request.url
        guard [301, 302, 303, 307, 308].contains(response.statusCode),
            let location = response.value(forHTTPHeaderField: "Location"),
            let target = URL(string: location, relativeTo: source)?.absoluteURL,
            RedirectPolicy.decision(from: source, to: target) == .refuse
        else { return nil }
        let from = Origin(source).map(String.init(describing:)) ?? "an unknown origin"
        let to = Origin(target).map(String.init(describing:)) ?? "a \(target.scheme ?? "relative") URL"
        return TransportFailure(
            operation: request.operation,
            kind: .redirectRefused,
            underlyingDescription: "refused a \(response.statusCode) redirect from \(from) to \(to)",
            requestMayHaveReachedServer: true
        )
    }

    /// `CancellationError` when the calling task was cancelled, otherwise a ``TransportFailure``.
    private static func mapped(_ error: any Error, for request: HTTPRequest) -> any Error {
        if Task.isCancelled || error is CancellationError { return CancellationError() }
        let secrets = request.headers.flatMap { [$0.value] + $0.value.split(separator: " ").map(String.init) }
        if let urlError = error as? URLError {
            return TransportFailure(urlError: urlError, operation: request.operation, secrets: secrets)
        }
        let text = TransportFailure.redacting(secrets, in: (error as NSError).localizedDescription)
        return TransportFailure(
            operation: request.operation,
            kind: .other,
            underlyingDescription: "\(type(of: error)): \(text)",
            requestMayHaveReachedServer: true
        )
    }
}
