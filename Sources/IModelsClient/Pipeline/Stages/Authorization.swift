/// The authorization stage: the provider's token on each attempt, and one forced refresh after a `401`.
///
/// A provider that throws ends the call with ``ITwinClientError/tokenProviderFailed(operation:underlying:)`` naming
/// the endpoint's operation, so every error of a call is an ``ITwinClientError``; `CancellationError` (or any error
/// once the task is cancelled) stays `CancellationError`. A token that cannot travel in a header is refused before
/// anything is sent (`TokenValidation`). Every token sent is added to the call's redaction.
struct Authorization: Sendable {
    let tokenProvider: any AccessTokenProvider

    /// The call's request with `Authorization: Bearer <token>` for this attempt.
    func authorize(_ call: inout CallState) async throws -> HTTPRequest {
        let token: String
        do {
            token = try await tokenProvider.accessToken(forceRefresh: call.forceRefresh)
        } catch {
            if error is CancellationError || Task.isCancelled { throw CancellationError() }
            throw ITwinClientError.tokenProviderFailed(operation: call.endpoint.operation, underlying: error)
        }
        call.forceRefresh = false
        try TokenValidation.validate(token)
        call.redaction = call.redaction.adding(token)
        var authorized = call.request
        authorized.headers["Authorization"] = "Bearer \(token)"
        return authorized
    }

    /// Whether the answer is a `401` that earns the call's one resend with a newly fetched token; that resend does not
    /// count as an attempt of the retry policy.
    func refreshes(after response: HTTPResponse, _ call: inout CallState) -> Bool {
        guard response.status == 401, !call.refreshedAfter401 else { return false }
        call.refreshedAfter401 = true
        call.forceRefresh = true
        call.countedAttempts -= 1
        return true
    }
}
