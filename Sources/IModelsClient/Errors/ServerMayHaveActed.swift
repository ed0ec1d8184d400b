/// The one rule for "the server may have acted on this request", shared by retry (a request that is not idempotent
/// is resent only when the server certainly did not act), waiting (what a poll may absorb) and duplicate safety (when
/// a create must look up what its first request made).
///
/// - No answer: whatever the transport says (``TransportFailure/requestMayHaveReachedServer``): a refused
///   connection did not reach the server, a timeout or a connection lost after sending may have.
/// - `2xx`: the server acted. `4xx` (`408` and `429` included): it refused the request without acting.
/// - `5xx`: it may have acted, except `501` and `505` (the server does not support the method or the HTTP version, so
///   it refused the request before any work) and `503` with `Retry-After` (the platform's "too busy, come back at"
///   answer, sent instead of doing the work, as a `429` is).
enum ServerMayHaveActed {
    /// Whether an answer with `status` (and `Retry-After`, when given) may follow work the server did.
    static func after(status: Int, retryAfter: Duration?) -> Bool {
        switch status {
        case 200..<300: return true
        case 501, 505: return false
        case 503: return retryAfter == nil
        case 500..<600: return true
        default: return false
        }
    }
}

extension ITwinClientError {
    /// Whether the request that failed may have been acted on by the server (see `ServerMayHaveActed`): its outcome
    /// is unknown, and a create must look up what it made before sending again.
    var serverMayHaveActed: Bool {
        switch self {
        case .transport(let failure): return failure.requestMayHaveReachedServer
        case .api(let error): return ServerMayHaveActed.after(status: error.status, retryAfter: error.retryAfter)
        default: return false
        }
    }

    /// Whether the same request may succeed later: no answer, `408`, `429`, or a `5xx` but `501` and `505`. Waits
    /// absorb these while they poll.
    var isTransient: Bool {
        switch self {
        case .transport: return true
        case .api(let error):
            let serverError = (500..<600).contains(error.status) && ![501, 505].contains(error.status)
            return [408, 429].contains(error.status) || serverError
        default: return false
        }
    }
}
