import Foundation

/// Sends every request of the SDK through its stages. The order is written once, in
/// ``attemptUntilDone(_:_:deadline:)``:
///
/// 1. ``RequestBuilding``, once per call: URL (a link checked against the base origin), headers, correlation id;
/// 2. the middlewares' `interceptCall`, around the whole call;
/// 3. then, per attempt: ``RateLimitGate`` (the endpoint's class: cooldown after a `429`, proactive limits);
/// 4. ``Authorization`` (the provider's token; one forced refresh after a `401`);
/// 5. ``MiddlewareChain`` (the configured ``ClientMiddleware``s, then the transport, under the attempt's deadline);
/// 6. ``ErrorMapping`` (a failure or an error answer as a typed error, tokens redacted);
/// 7. ``Retrying`` (done, again after a wait, or fail; the shared `429` cooldown);
/// 8. ``AttemptLogging`` (one ``LogEvent`` per attempt).
///
/// ``ResponseDecoding`` turns the successful body into a value. Endpoint layers only describe requests and decode
/// responses; auth, retry, logging, redaction and link checks live here once.
final class RequestPipeline: Sendable {
    let configuration: Configuration
    let linkPolicy: LinkPolicy
    let jitter: JitterSource
    let rateLimiter: RateLimiter
    let building: RequestBuilding
    let gate: RateLimitGate
    let authorization: Authorization
    let attempts: MiddlewareChain
    let errors: ErrorMapping
    let retrying: Retrying
    let logging: AttemptLogging
    let decoding = ResponseDecoding()

    init(configuration: Configuration, transport: any HTTPTransport, tokenProvider: any AccessTokenProvider) {
        let clock = configuration.clock
        self.configuration = configuration
        linkPolicy = LinkPolicy(baseURL: configuration.environment.baseURL)
        jitter = JitterSource(seed: configuration.jitterSeed)
        rateLimiter = RateLimiter(limits: configuration.rateLimits, clock: clock)
        building = RequestBuilding(
            linkPolicy: linkPolicy, additionalHeaders: configuration.additionalHeaders,
            timeout: configuration.requestTimeout)
        gate = RateLimitGate(
            rateLimiter: rateLimiter, maxCooldownWait: configuration.retryPolicy.maxRetryAfter, clock: clock)
        authorization = Authorization(tokenProvider: tokenProvider)
        attempts = MiddlewareChain(middlewares: configuration.middlewares, transport: transport)
        errors = ErrorMapping(clock: clock)
        retrying = Retrying(policy: configuration.retryPolicy, jitter: jitter, rateLimiter: rateLimiter, clock: clock)
        logging = AttemptLogging(log: configuration.log)
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
            return try decoding.decode(type, from: response, operation: endpoint.operation, userInfo: userInfo)
        } catch ITwinClientError.decoding(var failure) {
            failure.reason = redaction.redact(failure.reason)
            // The whole body is redacted before it is cut: a token the cut would split is not kept as its start.
            failure.rawBody = failure.rawBody.isEmpty ? failure.rawBody : redaction.keptBody(response.body)
            throw ITwinClientError.decoding(failure)
        }
    }

    /// Decodes a JSON body (see ``ResponseDecoding``).
    func decode<Value: Decodable>(
        _ type: Value.Type, from response: HTTPResponse, operation: String,
        userInfo: [CodingUserInfoKey: any Sendable] = [:]
    ) throws -> Value {
        try decoding.decode(type, from: response, operation: operation, userInfo: userInfo)
    }

    /// Encodes a request body.
    func encode(_ value: some Encodable) throws -> Data { try decoding.encode(value) }

    /// The whole call inside the middlewares' call hooks; returns the successful answer and the redaction of every
    /// token the attempts carried.
    private func perform(_ endpoint: Endpoint, deadline: Date?) async throws -> (
        response: HTTPResponse, redaction: Redaction
    ) {
        let request = try building.request(for: endpoint)
        if attempts.middlewares.isEmpty {
            return try await attemptUntilDone(endpoint, request, deadline: deadline)
        }
        return try await attempts.call(endpoint.operation) {
            try await attemptUntilDone(endpoint, request, deadline: deadline)
        }
    }

    /// The attempts of one call, each through the stages in order, until one is done or fails.
    private func attemptUntilDone(_ endpoint: Endpoint, _ request: HTTPRequest, deadline: Date?) async throws -> (
        response: HTTPResponse, redaction: Redaction
    ) {
        var call = CallState(endpoint: endpoint, request: request, deadline: deadline)
        while true {
            call.beginAttempt()
            try Task.checkCancellation()
            try await gate.pass(endpoint, deadline: deadline)
            var sent = try await authorization.authorize(&call)
            sent.attempt = call.attempt
            sent.timeout = Self.attemptTimeout(request.timeout, deadline: deadline, now: clock.now)
            let started = clock.now
            let outcome: Result<HTTPResponse, TransportFailure>
            do {
                outcome = .success(try await attempts.send(sent))
            } catch {
                outcome = .failure(try errors.failure(error, call))
            }
            let elapsed = Duration.seconds(max(0, clock.now.timeIntervalSince(started)))
            let step = next(after: outcome, &call)
            logging.record(sent, of: call, outcome: outcome, retryDelay: step.delay, elapsed: elapsed)
            switch step {
            case .done(let response): return (response, call.redaction)
            case .fail(let error): throw error
            case .again(let delay): try await clock.sleep(for: delay)
            case .resend: continue
            }
        }
    }

    /// What follows an attempt: the retry stage's step, or the authorization stage's resend after a `401`.
    private func next(after outcome: Result<HTTPResponse, TransportFailure>, _ call: inout CallState)
        -> Retrying.Step
    {
        switch outcome {
        case .success(let response):
            if retrying.accepts(response, call) { return .done(response) }
            if authorization.refreshes(after: response, &call) { return .resend }
            let error = errors.apiError(
                response, endpoint: call.endpoint, correlationId: call.correlationId, redaction: call.redaction)
            return retrying.step(after: response, error: error, &call)
        case .failure(let failure):
            return retrying.step(after: failure, &call)
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
}
