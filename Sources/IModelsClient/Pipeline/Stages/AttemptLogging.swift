/// The logging stage: one ``LogEvent`` per attempt to ``Configuration/log``, with what the retry stage decided.
/// ``LogEvent`` redacts `Authorization`; failure descriptions come already redacted from the error-mapping stage.
struct AttemptLogging: Sendable {
    let log: (@Sendable (LogEvent) -> Void)?

    /// Reports the attempt `sent`: its answer's status or its failure, and the wait before the next attempt.
    func record(
        _ sent: HTTPRequest, of call: CallState, outcome: Result<HTTPResponse, TransportFailure>,
        retryDelay: Duration?, elapsed: Duration
    ) {
        guard let log else { return }
        var status: Int?
        var failure: String?
        switch outcome {
        case .success(let response): status = response.status
        case .failure(let error): failure = error.description
        }
        log(
            LogEvent(
                operation: call.endpoint.operation, method: sent.method, url: sent.url, status: status,
                attempt: call.attempt, retryDelay: retryDelay, correlationId: call.correlationId,
                requestHeaders: sent.headers, failure: failure, elapsed: elapsed))
    }
}
