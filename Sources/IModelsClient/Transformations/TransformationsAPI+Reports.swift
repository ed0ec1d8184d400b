import Foundation

extension TransformationsAPI {
    /// The reports of a run (`GET /transformations/reports?transformationId=`, Technology Preview): each names the
    /// run, its configuration and target, and a time-limited download link.
    ///
    /// The page does not say what a run without a report gets; `IModelsSimulator` (module `IModelsTesting`) answers
    /// an empty list until the run has finished (`Succeeded` or `Failed`) and `404 TransformationNotFound` for an
    /// unknown run.
    ///
    /// ```swift
    /// if let report = try await client.transformations.reports(of: run.id).first {
    ///     let content = try await client.transformations.downloadReport(report)
    /// }
    /// ```
    public func reports(of transformationId: String) async throws -> [TransformationReport] {
        try InputValidation.id(transformationId, named: "transformationId")
        let endpoint = Endpoint(
            operation: "getTransformationReports", api: .transformations, method: .get,
            target: .path([.literal("reports")]), query: [("transformationId", transformationId)])
        return try await pipeline.send(endpoint, as: TransformationsEnvelopes.ReportsBody.self).reports
    }

    /// Downloads a report's content through its `_links.download` URL and returns it, at most `maximumSize` bytes.
    ///
    /// The link is a time-limited storage URL on another origin, with its own signature: the SDK sends it **without**
    /// `Authorization` (and without the configured additional headers and middlewares), through the configured
    /// transport, retried like an API read (`429`/`503` after `Retry-After`, other `5xx`, timeouts, lost
    /// connections; not the `403` of an expired link); redirects follow ``RedirectPolicy``. It must be `https` (or `http` to a loopback
    /// host), else ``ITwinClientError/untrustedURL(_:)`` (shown without its query). A body over `maximumSize`
    /// (default 32 MiB, ``HTTPResponse/defaultMaximumBodySize``) throws ``ITwinClientError/transport(_:)`` of kind
    /// ``TransportFailure/Kind/responseTooLarge``. The transport reads a body up to its own limit before this check
    /// (`URLSessionTransport.maximumResponseBodySize`, 32 MiB by default, stops reading there): to hold less in
    /// memory, give the transport a lower limit; a `maximumSize` above it is capped by it; an error answer (an
    /// expired link gets `403` from the storage) throws ``ITwinClientError/api(_:)``. A report without a link throws
    /// ``ITwinClientError/invalidRequest(_:)``. API links keep the same-origin rule: only this call fetches a foreign
    /// origin, and only without the token.
    public func downloadReport(
        _ report: TransformationReport, maximumSize: Int = HTTPResponse.defaultMaximumBodySize
    ) async throws -> Data {
        guard let url = report.downloadURL else {
            throw ITwinClientError.invalidRequest("The report \(report.id) has no download link.")
        }
        let download = StorageDownload(
            transport: pipeline.attempts.transport, timeout: pipeline.building.timeout,
            retryPolicy: pipeline.retrying.policy, jitter: pipeline.jitter, clock: pipeline.clock)
        return try await download.fetch(url, operation: "downloadTransformationReport", maximumSize: maximumSize)
    }
}
