import Foundation

/// What the stages of one call share across its attempts: the request as built, the attempt counts, the token
/// refresh after a `401`, whether an earlier attempt may have been acted on, and every token the attempts carried
/// (for redaction).
struct CallState: Sendable {
    /// The endpoint being called.
    let endpoint: Endpoint
    /// The request as ``RequestBuilding`` made it (no `Authorization`).
    let request: HTTPRequest
    /// The caller's deadline (a wait's), if any: no retry waits past it.
    let deadline: Date?
    /// Every send of the call, from 1 (the resend after a `401` included).
    var attempt = 0
    /// The sends ``RetryPolicy/maxAttempts`` counts (the resend after a `401` does not count).
    var countedAttempts = 0
    /// Whether the next token must be fetched anew.
    var forceRefresh = false
    /// Whether the one refresh after a `401` was used.
    var refreshedAfter401 = false
    /// Whether an earlier attempt may have been acted on by the server (`ServerMayHaveActed`).
    var earlierAttemptMayHaveActed = false
    /// The tokens this call sent, removed from everything it reports.
    var redaction = Redaction(tokens: [])

    init(endpoint: Endpoint, request: HTTPRequest, deadline: Date?) {
        self.endpoint = endpoint
        self.request = request
        self.deadline = deadline
    }

    /// The request's `X-Correlation-Id`.
    var correlationId: String { request.headers["X-Correlation-Id"] ?? "" }

    /// Counts the next send.
    mutating func beginAttempt() {
        attempt += 1
        countedAttempts += 1
    }
}
