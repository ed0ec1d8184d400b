import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One request's round trip through ``URLSessionTransport``: collects the answer the session delegate reports,
/// caps its body, and settles the caller's ``FirstOutcome`` once (answer, failure, timeout or cancellation,
/// whichever comes first).
final class URLSessionExchange: Sendable {
    private struct Received {
        var response: HTTPURLResponse?
        var body = Data()
    }

    let request: HTTPRequest
    /// The largest body accepted, in bytes as delivered (after libcurl has unpacked a compressed answer).
    let maximumBodySize: Int
    /// What the caller waits for.
    let outcome = FirstOutcome<HTTPResponse>()
    private let received = Locked(Received())

    init(request: HTTPRequest, maximumBodySize: Int) {
        self.request = request
        self.maximumBodySize = maximumBodySize
    }

    /// Takes the answer's head. Returns `false` (and settles the outcome with a failure) when the answer is not
    /// HTTP or announces a body over the limit; the caller then cancels the task.
    func receive(_ response: URLResponse) -> Bool {
        guard let http = response as? HTTPURLResponse else {
            outcome.settle(.failure(failure(.other, "the answer is not an HTTP response")))
            return false
        }
        if http.expectedContentLength > Int64(maximumBodySize) {
            outcome.settle(
                .failure(TransportFailure.responseTooLarge(operation: request.operation, limit: maximumBodySize)))
            return false
        }
        received.withLock { received in
            // A new head starts the body again (an answer after a followed redirect replaces the 3xx).
            received.response = http
            received.body = Data()
        }
        return true
    }

    /// Takes a piece of the body. Returns `false` (and settles the outcome with a failure) once the body passes
    /// the limit; the caller then cancels the task.
    func receive(_ data: Data) -> Bool {
        let withinLimit = received.withLock { received -> Bool in
            guard received.body.count + data.count <= maximumBodySize else { return false }
            received.body.append(data)
            return true
        }
        if !withinLimit {
            outcome.settle(
                .failure(TransportFailure.responseTooLarge(operation: request.operation, limit: maximumBodySize)))
        }
        return withinLimit
    }

    /// Ends the exchange with the session's verdict: the collected answer, or the failure `error` stands for.
    func complete(_ error: (any Error)?, response lastResponse: URLResponse?) {
        if let error {
            outcome.settle(.failure(mapped(error)))
            return
        }
        let (head, body) = received.withLock { ($0.response ?? lastResponse as? HTTPURLResponse, $0.body) }
        guard let head else {
            outcome.settle(.failure(failure(.other, "the answer is not an HTTP response")))
            return
        }
        if let refusal = refusedRedirect(head) {
            outcome.settle(.failure(refusal))
            return
        }
        outcome.settle(.success(HTTPResponse(status: head.statusCode, headers: Self.headers(of: head), body: body)))
    }

    private func failure(_ kind: TransportFailure.Kind, _ text: String) -> TransportFailure {
        TransportFailure(
            operation: request.operation, kind: kind, underlyingDescription: text, requestMayHaveReachedServer: true)
    }

    /// The ``TransportFailure`` for an error the session reported (the header values are kept out of its text).
    private func mapped(_ error: any Error) -> any Error {
        let secrets = request.headers.flatMap { [$0.value] + $0.value.split(separator: " ").map(String.init) }
        if let urlError = error as? URLError {
            if urlError.code == .cancelled { return CancellationError() }
            return TransportFailure(urlError: urlError, operation: request.operation, secrets: secrets)
        }
        let text = TransportFailure.redacting(secrets, in: (error as NSError).localizedDescription)
        return failure(.other, "\(type(of: error)): \(text)")
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
    private func refusedRedirect(_ response: HTTPURLResponse) -> TransportFailure? {
        let source = response.url ?? request.url
        guard
            let target = RedirectPolicy.target(
                ofAnswer: response.statusCode, location: response.value(forHTTPHeaderField: "Location"), from: source),
            RedirectPolicy.decision(from: source, to: target) == .refuse
        else { return nil }
        return failure(.redirectRefused, RedirectPolicy.refusal(status: response.statusCode, from: source, to: target))
    }
}
