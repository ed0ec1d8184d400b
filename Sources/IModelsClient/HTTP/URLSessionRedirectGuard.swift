import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The session-level delegate of ``URLSessionTransport``: applies ``RedirectPolicy`` to every redirect.
///
/// A session-level delegate is used because URLSession on Linux ignores per-task delegates, and forwards
/// `Authorization` to any origin on a redirect unless a delegate removes it. The completion-handler form is
/// implemented because the async form is not called on Linux.
final class URLSessionRedirectGuard: NSObject, URLSessionTaskDelegate, Sendable {
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
