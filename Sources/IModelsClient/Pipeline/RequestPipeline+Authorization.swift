extension RequestPipeline {
    /// The authorize stage: the provider's token for one attempt.
    ///
    /// A provider that throws ends the call with ``ITwinClientError/tokenProviderFailed(operation:underlying:)``
    /// naming the endpoint's operation, so every error of a call is an ``ITwinClientError``; `CancellationError` (or
    /// any error once the task is cancelled) stays `CancellationError`.
    func accessToken(for endpoint: Endpoint, forceRefresh: Bool) async throws -> String {
        do {
            return try await tokenProvider.accessToken(forceRefresh: forceRefresh)
        } catch {
            if error is CancellationError || Task.isCancelled { throw CancellationError() }
            throw ITwinClientError.tokenProviderFailed(operation: endpoint.operation, underlying: error)
        }
    }
}
