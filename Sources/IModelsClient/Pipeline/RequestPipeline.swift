import Foundation

/// Sends every request of the SDK, in a fixed order:
///
/// 1. build the request (base URL and encoded path, or a link checked against the base origin; `Accept` per API,
///    `Content-Type`, `User-Agent`, `X-Correlation-Id`);
/// 2. then, per attempt: pass the rate-limit gate of the endpoint's class, ask the token provider, send through the
///    transport, and map the status (a `429` starts the shared cooldown of the class);
/// 3. retry per ``RetryPolicy`` (a `401` gets one forced token refresh), then decode the body or throw a typed error.
///
/// Endpoint layers only describe requests and decode responses; auth, retry, logging, redaction and link checks
/// live here once.
final class RequestPipeline: Sendable {
    let configuration: Configuration
    let transport: any HTTPTransport
    let tokenProvider: any AccessTokenProvider
    let linkPolicy: LinkPolicy
    let jitter: JitterSource
    let rateLimiter: RateLimiter
    let attempts: MiddlewareChain
    private let decoder = JSONDecoder()

    init(configuration: Configuration, transport: any HTTPTransport, tokenProvider: any AccessTokenProvider) {
        self.configuration = configuration
        self.transport = transport
        self.tokenProvider = tokenProvider
        self.linkPolicy = LinkPolicy(baseURL: configuration.environment.baseURL)
        self.jitter = JitterSource(seed: configuration.jitterSeed)
        self.rateLimiter = RateLimiter(limits: configuration.rateLimits, clock: configuration.clock)
        self.attempts = MiddlewareChain(middlewares: configuration.middlewares, transport: transport)
    }

    var clock: any ITwinClock { configuration.clock }

    /// Sends the endpoint and returns the successful answer (2xx, or a 404 to a retried DELETE), or throws
    /// ``ITwinClientError`` (or `CancellationError`). With a `deadline`, no retry waits past it. The body comes back
    /// with the tokens redacted, since a caller may keep it in an error (a `2xx` without the header it needs).
    func send(_ endpoint: Endpoint, deadline: Date? = nil) async throws -> HTTPResponse {
        var (response, redaction) = try await perform(endpoint, deadline: deadline)
        response.body = redaction.redact(response.body)
        return response
    }

    /// Sends the endpoint and decodes the JSON body of the successful answer.
    func send<Value: Decodable>(
        _ endpoint: Endpoint, as type: Value.Type, deadline: Date? = nil,
        userInfo: [CodingUserInfoKey: any Sendable] = [:]
    ) async throws -> Value {
        let (response, redaction) = try await perform(endpoint, deadline: deadline)
        do {
            return try decode(type, from: response, operation: endpoint.operation, userInfo: userInfo)
        } catch ITwinClientError.decoding(var failure) {
            failure.reason = redaction.redact(failure.reason)
            // The whole body is redacted before it is cut: a token the cut would split is not kept as its start.
            failure.rawBody = failure.rawBody.isEmpty ? failure.rawBody : redaction.keptBody(response.body)
            throw ITwinClientError.decoding(failure)
        }
    }

    /// The retry loop; returns the successful answer and the redaction of every token the attempts carried.
    private func perform(_ endpoint: Endpoint, deadline: Date?) async throws -> (
        response: HTTPResponse, redaction: Redaction
    ) {
        try await attempts.call(endpoint.operation) { try await attemptUntilDone(endpoint, deadline: deadline) }
    }

    private func attemptUntilDone(_ endpoint: Endpoint, deadline: Date?) async throws -> (
        response: HTTPResponse, redaction: Redaction
    ) {
        try linkPolicy.validateBaseURL()
        let request = try makeRequest(endpoint)
        let correlationId = request.headers["X-Correlation-Id"] ?? ""
        let policy = configuration.retryPolicy
        var attempt = 0
        var countedAttempts = 0
        var refreshedAfter401 = false
        var forceRefresh = false
        var earlierAttemptMayHaveActed = false
        var redaction = Redaction(tokens: [])

        while true {
            attempt += 1
            countedAttempts += 1
            try Task.checkCancellation()
            try await passRateLimitGate(endpoint, deadline: deadline)
            var authorized = request
            let token = try await accessToken(for: endpoint, forceRefresh: forceRefresh)
            forceRefresh = false
            try TokenValidation.validate(token)
            redaction = redaction.adding(token)
            authorized.headers["Authorization"] = "Bearer \(token)"
            authorized.attempt = attempt
            authorized.timeout = Self.attemptTimeout(request.timeout, deadline: deadline, now: clock.now)
            let started = clock.now

            let outcome: Result<HTTPResponse, TransportFailure>
            do {
                outcome = .success(try await attempts.send(authorized))
            } catch let failure as TransportFailure {
                var failure = failure
                if failure.operation.isEmpty { failure.operation = endpoint.operation }
                failure.underlyingDescription = redaction.redact(failure.underlyingDescription)
                outcome = .failure(failure)
            } catch {
                if error is CancellationError || Task.isCancelled { throw CancellationError() }
                outcome = .failure(
                    TransportFailure(
                        operation: endpoint.operation, kind: .other,
                        underlyingDescription: redaction.redact(String(describing: error)),
                        requestMayHaveReachedServer: true))
            }
            let elapsed = Duration.seconds(max(0, clock.now.timeIntervalSince(started)))
            func log(status: Int?, failure: TransportFailure?, retryDelay: Duration?) {
                configuration.log?(
                    LogEvent(
                        operation: endpoint.operation, method: request.method, url: request.url, status: status,
                        attempt: attempt, retryDelay: retryDelay, correlationId: correlationId,
                        requestHeaders: authorized.headers, failure: failure?.description, elapsed: elapsed))
            }

            let error: ITwinClientError
            let decision: RetryPolicy.Decision
            let timeLeft = deadline.map { Duration.seconds(max(0, $0.timeIntervalSince(clock.now))) }
            switch outcome {
            case .success(let response):
                if response.isSuccess
                    || (response.status == 404 && request.method == .delete && earlierAttemptMayHaveActed
                        && endpoint.notFoundAfterRetryIsSuccess)
                {
                    log(status: response.status, failure: nil, retryDelay: nil)
                    return (response, redaction)
                }
                if response.status == 401 && !refreshedAfter401 {
                    refreshedAfter401 = true
                    forceRefresh = true
                    countedAttempts -= 1
                    log(status: response.status, failure: nil, retryDelay: .zero)
                    continue
                }
                let apiError = makeAPIError(
                    response, endpoint: endpoint, correlationId: correlationId, redaction: redaction)
                error = .api(apiError)
                let mayHaveActed = ServerMayHaveActed.after(status: response.status, retryAfter: apiError.retryAfter)
                decision = policy.decide(
                    status: response.status, serverMayHaveActed: mayHaveActed, retryAfter: apiError.retryAfter,
                    method: request.method, attempt: countedAttempts, timeLeft: timeLeft, unitRandom: jitter.unit())
                if response.status == 429 {
                    rateLimiter.noteRateLimited(
                        endpoint.limitClass, retryAfter: cooldown(after: apiError, decision), cause: apiError)
                }
                if mayHaveActed { earlierAttemptMayHaveActed = true }
                log(status: response.status, failure: nil, retryDelay: decision.delay)
            case .failure(let failure):
                error = .transport(failure)
                decision = policy.decide(
                    status: nil, serverMayHaveActed: failure.requestMayHaveReachedServer, retryAfter: nil,
                    method: request.method, attempt: countedAttempts, timeLeft: timeLeft, unitRandom: jitter.unit())
                if failure.requestMayHaveReachedServer { earlierAttemptMayHaveActed = true }
                log(status: nil, failure: failure, retryDelay: decision.delay)
            }

            guard case .retry(let delay) = decision else { throw error }
            try await clock.sleep(for: delay)
        }
    }

    /// How long one attempt may take: the request timeout, shortened to the time left before the caller's deadline
    /// (a wait's), but never below ``minimumAttemptTimeout``, so that the poll a wait makes at its deadline still
    /// gets its answer. Transports end their requests at this timeout, and the pipeline's deadline guard ends the
    /// caller's wait at it even when a transport does not.
    static func attemptTimeout(_ timeout: Duration?, deadline: Date?, now: Date) -> Duration? {
        guard let deadline else { return timeout }
        let left = max(minimumAttemptTimeout, Duration.seconds(deadline.timeIntervalSince(now)))
        return timeout.map { min($0, left) } ?? left
    }

    /// The shortest timeout an attempt gets when a deadline is near: one second.
    static let minimumAttemptTimeout = Duration.seconds(1)

    /// The shared cooldown after a `429`: the server's `Retry-After` in full, else the backoff this caller waits
    /// anyway. A far-off `Retry-After` parks nobody: callers that could not wait it out fail at once (see
    /// `passRateLimitGate`).
    private func cooldown(after error: APIError, _ decision: RetryPolicy.Decision) -> Duration {
        error.retryAfter ?? decision.delay ?? .zero
    }

    /// Decodes a JSON body, mapping any failure to ``ITwinClientError/decoding(_:)`` with the raw body kept.
    func decode<Value: Decodable>(
        _ type: Value.Type, from response: HTTPResponse, operation: String,
        userInfo: [CodingUserInfoKey: any Sendable] = [:]
    ) throws -> Value {
        guard !response.body.isEmpty else {
            throw ITwinClientError.decoding(
                DecodingFailure(operation: operation, status: response.status, reason: "the body is empty"))
        }
        do {
            if userInfo.isEmpty { return try decoder.decode(type, from: response.body) }
            let decoder = JSONDecoder()
            decoder.userInfo = userInfo
            return try decoder.decode(type, from: response.body)
        } catch {
            throw ITwinClientError.decoding(
                DecodingFailure(
                    operation: operation, status: response.status, reason: Self.describe(error),
                    rawBody: response.body))
        }
    }

    /// Encodes a request body.
    func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    private func makeRequest(_ endpoint: Endpoint) throws -> HTTPRequest {
        var headers = HTTPHeaders()
        headers["Accept"] = endpoint.api.accept
        headers["User-Agent"] = SDKVersion.userAgent
        for field in configuration.additionalHeaders { headers[field.name] = field.value }
        for field in endpoint.headers { headers[field.name] = field.value }
        if let bound = CorrelationID.current {
            headers["X-Correlation-Id"] = bound
        } else if headers["X-Correlation-Id"] == nil {
            headers["X-Correlation-Id"] = CorrelationID.generate()
        }
        if endpoint.body != nil { headers["Content-Type"] = "application/json" }
        headers["Authorization"] = nil
        return HTTPRequest(
            method: endpoint.method,
            url: try endpoint.url(baseURL: linkPolicy.baseURL, policy: linkPolicy),
            headers: headers,
            body: endpoint.body,
            timeout: configuration.requestTimeout,
            operation: endpoint.operation)
    }

    /// The typed error of a failed answer: the error body's fields (never failing), `Retry-After`, the rate-limit
    /// headers and the raw body, with the tokens redacted (the whole body before it is read and cut, then the decoded
    /// fields). Internal so the decoder fuzzing runs exactly this path.
    func makeAPIError(
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

    /// A short reason for a `DecodingError`: what was missing or wrong, and where.
    static func describe(_ error: any Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the top level" : keys.joined(separator: ".")
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?:
            return "missing key '\(key.stringValue)' at \(path(context))"
        case .valueNotFound(_, let context)?:
            return "missing value at \(path(context))"
        case .typeMismatch(let type, let context)?:
            return "expected \(type) at \(path(context))"
        case .dataCorrupted(let context)?:
            return "invalid JSON at \(path(context)): \(context.debugDescription)"
        default:
            return String(describing: error)
        }
    }
}

extension RetryPolicy.Decision {
    /// The wait before the next attempt, or `nil` when stopping.
    var delay: Duration? {
        if case .retry(let delay) = self { return delay }
        return nil
    }
}
