import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The session-level delegate of ``URLSessionTransport``: hands each task's answer to its ``URLSessionExchange``
/// and applies ``RedirectPolicy`` to every redirect.
///
/// A session-level delegate is used because URLSession on Linux ignores per-task delegates, and forwards
/// `Authorization` to any origin on a redirect unless a delegate removes it. The completion-handler forms are
/// implemented because the async forms are not called on Linux.
final class URLSessionTaskRouter: NSObject, URLSessionDataDelegate, Sendable {
    private let exchanges = Locked<[Int: URLSessionExchange]>([:])

    /// Routes `task`'s callbacks to `exchange` until the task completes or ``remove(_:)`` is called.
    func register(_ exchange: URLSessionExchange, for task: URLSessionTask) {
        exchanges.withLock { $0[task.taskIdentifier] = exchange }
    }

    /// Stops routing `task`'s callbacks.
    func remove(_ task: URLSessionTask) {
        _ = exchanges.withLock { $0.removeValue(forKey: task.taskIdentifier) }
    }

    private func exchange(of task: URLSessionTask) -> URLSessionExchange? {
        exchanges.withLock { $0[task.taskIdentifier] }
    }

    func urlSession(
        _ session: URLSession,
        dataTask: URLSessionDataTask,
        didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        guard let exchange = exchange(of: dataTask), exchange.receive(response) else {
            completionHandler(.cancel)
            dataTask.cancel()
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let exchange = exchange(of: dataTask), exchange.receive(data) else {
            dataTask.cancel()
            return
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let exchange = exchanges.withLock { $0.removeValue(forKey: task.taskIdentifier) }
        exchange?.complete(error, response: task.response)
    }

    /// Follows same-origin redirects, strips `Authorization` from cross-origin ones, and refuses the rest
    /// (`nil` makes the session return the 3xx response itself).
    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        switch RedirectPolicy.decision(from: response.url ?? task.currentRequest?.url, to: request.url) {
        case .follow:
            completionHandler(request)
        case .followWithoutAuthorization:
            var stripped = request
            stripped.setValue(nil, forHTTPHeaderField: "Authorization")
            completionHandler(stripped)
        case .refuse:
            completionHandler(nil)
        }
    }
}
