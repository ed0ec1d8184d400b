import Foundation

/// The error-mapping stage: what an attempt that did not succeed becomes, with every token of the call redacted.
///
/// A transport's ``TransportFailure`` keeps its kind and gets the operation when it has none; any other error a
/// transport or middleware throws becomes a failure of kind `other` that may have reached the server; cancellation
/// stays `CancellationError`. An answer that is not a success becomes an ``APIError`` read from the error body
/// (never failing), `Retry-After` and the rate-limit headers.
struct ErrorMapping: Sendable {
    let clock: any ITwinClock

    /// The failure of an attempt that threw `error`.
    func failure(_ error: any Error, _ call: CallState) throws -> TransportFailure {
        if var failure = error as? TransportFailure {
            if failure.operation.isEmpty { failure.operation = call.endpoint.operation }
            failure.underlyingDescription = call.redaction.redact(failure.underlyingDescription)
            return failure
        }
        if error is CancellationError || Task.isCancelled { throw CancellationError() }
        return TransportFailure(
            operation: call.endpoint.operation, kind: .other,
            underlyingDescription: call.redaction.redact(String(describing: error)), requestMayHaveReachedServer: true)
    }

    /// The typed error of a failed answer, with the tokens redacted (the whole body before it is read and cut, then
    /// the decoded fields). Internal so the decoder fuzzing runs exactly this path.
    func apiError(
        _ response: HTTPResponse, endpoint: Endpoint, correlationId: String, redaction: Redaction
    ) -> APIError {
        let body = redaction.redact(response.body)
        let fields = ErrorEnvelope.read(body)
        let error = APIError(
            operation: endpoint.operation,
            status: response.status,
            code: fields?.code,
            message: fields?.message,
            target: fields?.target,
            details: fields?.details ?? [],
            retryAfter: RetryAfter.parse(response.headers["Retry-After"], now: clock.now),
            rateLimit: RateLimitInfo(headers: response.headers),
            correlationId: correlationId,
            rawBody: body)
        return redaction.redactFields(error)
    }
}
