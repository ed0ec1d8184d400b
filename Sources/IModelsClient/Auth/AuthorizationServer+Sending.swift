import Foundation

extension AuthorizationServer {
    /// POSTs a token request to the discovered token endpoint and reads the answer.
    func requestToken(
        _ fields: [(String, String)], clientId: String, clientSecret: String?, resendIsSafe: Bool,
        operation: String, alsoRedacting extra: [String] = []
    ) async throws -> TokenResponse {
        guard !clientId.isEmpty else { throw TokenRequestError.invalidConfiguration("the client id is empty") }
        let endpoint = try await configuration().tokenEndpoint
        var headers: HTTPHeaders = [
            "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded",
        ]
        var fields = fields
        if let clientSecret {
            let pair = FormEncoding.encode(clientId) + ":" + FormEncoding.encode(clientSecret)
            headers["Authorization"] = "Basic " + Data(pair.utf8).base64EncodedString()
        } else {
            fields.append(("client_id", clientId))
        }
        let request = HTTPRequest(
            method: .post, url: endpoint, headers: headers, body: Data(FormEncoding.encode(fields).utf8),
            timeout: requestTimeout, operation: operation)
        let redaction = Redaction(tokens: ([clientSecret].compactMap { $0 }) + extra)
        let (response, sentAt) = try await send(request, resendIsSafe: resendIsSafe, redaction: redaction)
        guard response.isSuccess else { throw failure(of: request, response, redaction: redaction) }
        return try TokenResponse.parse(response.body, receivedAt: sentAt, operation: operation, status: response.status)
    }

    /// Sends with retries (see the type's documentation); returns the last answer and when its attempt started, or
    /// throws ``TokenRequestError/transport(_:)`` once a failure is not retried.
    func send(_ request: HTTPRequest, resendIsSafe: Bool, redaction: Redaction) async throws -> (HTTPResponse, Date) {
        var attempt = 1
        while true {
            var sent = request
            sent.attempt = attempt
            let startedAt = clock.now
            let decision: RetryPolicy.Decision
            do {
                let response = try await TransportDeadline.send(sent, through: transport)
                if response.isSuccess { return (response, startedAt) }
                let retryAfter = Self.retryAfter(response, now: clock.now)
                let mayHaveActed = ServerMayHaveActed.after(status: response.status, retryAfter: retryAfter)
                decision = retryPolicy.decide(
                    status: response.status, serverMayHaveActed: mayHaveActed && !resendIsSafe,
                    retryAfter: retryAfter, method: request.method, attempt: attempt, timeLeft: nil,
                    unitRandom: jitter.unit())
                guard case .retry = decision else { return (response, startedAt) }
            } catch var failure as TransportFailure {
                if Task.isCancelled { throw CancellationError() }
                decision = retryPolicy.decide(
                    status: nil, serverMayHaveActed: failure.requestMayHaveReachedServer && !resendIsSafe,
                    retryAfter: nil, method: request.method, attempt: attempt, timeLeft: nil, unitRandom: jitter.unit())
                guard case .retry = decision else {
                    if failure.operation.isEmpty { failure.operation = request.operation }
                    failure.underlyingDescription = redaction.redact(failure.underlyingDescription)
                    throw TokenRequestError.transport(failure)
                }
            }
            if case .retry(let delay) = decision { try await clock.sleep(for: delay) }
            attempt += 1
        }
    }

    /// The `Retry-After` of a `429` or `503`.
    static func retryAfter(_ response: HTTPResponse, now: Date) -> Duration? {
        guard response.status == 429 || response.status == 503 else { return nil }
        return RetryAfter.parse(response.headers["Retry-After"], now: now)
    }

    /// The error for an answer outside `2xx`: an OAuth error when the body is one, else the status and the start of
    /// the body, both with the secret redacted.
    func failure(of request: HTTPRequest, _ response: HTTPResponse, redaction: Redaction) -> TokenRequestError {
        let body = redaction.redact(response.body)
        if let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any],
            let code = object["error"] as? String, !code.isEmpty
        {
            return .oauth(
                OAuthError(
                    operation: request.operation, status: response.status, code: OAuthErrorCode(rawValue: code),
                    message: (object["error_description"] as? String).map(redaction.redact),
                    uri: object["error_uri"] as? String))
        }
        let text = String(decoding: body.prefix(2048), as: UTF8.self)
        return .unexpectedAnswer(
            operation: request.operation, status: response.status,
            retryAfter: Self.retryAfter(response, now: clock.now), bodyExcerpt: String(text.prefix(512)))
    }
}
