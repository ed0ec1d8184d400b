import Foundation

/// Fetches a time-limited storage link (a report's `_links.download`) that lives on another origin than the API.
///
/// It is not an API call, so it does not go through the request stages: the link carries its own authorization (a
/// signature in its query), and the access token must never go there. So the request has **no** `Authorization`, no
/// `Configuration.additionalHeaders` (they may hold credentials), and does not pass through the configured
/// ``ClientMiddleware``s (they see and may add credentials; their docs promise they see API calls). It goes straight
/// to the configured transport, under the request timeout. Being a GET, it is retried as API reads are (the client's
/// ``RetryPolicy``: `429` and `503` after their `Retry-After`, other `5xx`, timeouts and lost connections after a
/// backoff); an error answer such as the `403` of an expired link is not (read the report again for a fresh link). A
/// redirect follows the transport's ``RedirectPolicy``. The link must be
/// `https`, or `http` to a loopback host (for tests), as for the base URL; the same-origin rule for API links
/// (`LinkPolicy`) is not involved and not relaxed. Errors never show the link's query (its signature).
struct StorageDownload: Sendable {
    let transport: any HTTPTransport
    let timeout: Duration?
    let retryPolicy: RetryPolicy
    let jitter: JitterSource
    let clock: any ITwinClock

    /// The body at `url`, at most `maximumSize` bytes.
    func fetch(_ url: URL, operation: String, maximumSize: Int) async throws -> Data {
        guard maximumSize > 0 else {
            throw ITwinClientError.invalidRequest("maximumSize must be positive (it is \(maximumSize)).")
        }
        guard let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty,
            scheme == "https" || (scheme == "http" && LinkPolicy.isLoopback(host))
        else { throw ITwinClientError.untrustedURL(Self.withoutQuery(url)) }
        var attempt = 1
        while true {
            let failure: ITwinClientError
            let decision: RetryPolicy.Decision
            do {
                return try await fetchOnce(url, operation: operation, maximumSize: maximumSize)
            } catch let error as ITwinClientError {
                failure = error
                switch error {
                case .api(let answer):
                    decision = retryPolicy.decide(
                        status: answer.status, serverMayHaveActed: true, retryAfter: answer.retryAfter,
                        method: .get, attempt: attempt, timeLeft: nil, unitRandom: jitter.unit())
                case .transport(let transportFailure) where transportFailure.mayPassOnRetry:
                    decision = retryPolicy.decide(
                        status: nil, serverMayHaveActed: true, retryAfter: nil, method: .get, attempt: attempt,
                        timeLeft: nil, unitRandom: jitter.unit())
                default:
                    throw error
                }
            }
            guard case .retry(let delay) = decision else { throw failure }
            try await clock.sleep(for: delay)
            attempt += 1
        }
    }

    /// One attempt: the body at `url`, or the typed error of its answer or failure.
    private func fetchOnce(_ url: URL, operation: String, maximumSize: Int) async throws -> Data {
        let request = HTTPRequest(
            method: .get, url: url, headers: ["Accept": "*/*"], timeout: timeout, operation: operation)
        let response: HTTPResponse
        do {
            response = try await TransportDeadline.send(request, through: transport)
        } catch var failure as TransportFailure {
            if failure.operation.isEmpty { failure.operation = operation }
            failure.underlyingDescription = Self.scrub(failure.underlyingDescription, url: url)
            throw ITwinClientError.transport(failure)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw ITwinClientError.transport(
                TransportFailure(
                    operation: operation, kind: .other, underlyingDescription: Self.scrub("\(error)", url: url),
                    requestMayHaveReachedServer: true))
        }
        let announced = response.headers["Content-Length"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        if response.body.count > maximumSize || (response.isSuccess && (announced ?? 0) > maximumSize) {
            throw ITwinClientError.transport(.responseTooLarge(operation: operation, limit: maximumSize))
        }
        guard response.isSuccess else {
            let fields = ErrorEnvelope.read(response.body)
            throw ITwinClientError.api(
                APIError(
                    operation: operation, status: response.status, code: fields?.code, message: fields?.message,
                    target: fields?.target, details: fields?.details ?? [],
                    retryAfter: RetryAfter.parse(response.headers["Retry-After"], now: clock.now),
                    rawBody: response.body))
        }
        return response.body
    }

    /// The URL without its query and fragment (where a storage link keeps its signature).
    static func withoutQuery(_ url: URL) -> URL {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url }
        components.query = nil
        components.fragment = nil
        return components.url ?? url
    }

    /// `text` without the link's query, should a transport's description quote the URL.
    static func scrub(_ text: String, url: URL) -> String {
        guard let query = url.query, !query.isEmpty else { return text }
        return text.replacingOccurrences(of: query, with: "…")
    }
}
