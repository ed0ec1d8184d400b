import Foundation

/// The Transformations API v1: create configurations (ImportIModel, MergeIModel, PopulateFederationGuids), run them,
/// follow and cancel runs.
///
/// Use it as `client.transformations`. Requests send `Accept: application/vnd.bentley.itwin-platform.v1+json`.
public struct TransformationsAPI: Sendable {
    let pipeline: RequestPipeline
    /// The runs this client's `run` calls returned (never taken for another call's run after an unknown outcome).
    let startedRuns = StartedRuns()

    var poller: Poller { Poller(pipeline: pipeline) }

    /// Creates an ImportIModel configuration (seed `004`); it does not run it.
    public func createImportIModelConfiguration(
        _ request: ImportIModelConfigurationRequest
    ) async throws -> TransformationConfiguration {
        try await createConfiguration(.importIModel, body: try request.body())
    }

    /// Creates a MergeIModel configuration (closed preview); it does not run it.
    public func createMergeIModelConfiguration(
        _ request: MergeIModelConfigurationRequest
    ) async throws -> TransformationConfiguration {
        try await createConfiguration(.mergeIModel, body: try request.body())
    }

    /// Creates a PopulateFederationGuids configuration (closed preview); it does not run it.
    public func createPopulateFederationGuidsConfiguration(
        _ request: PopulateFederationGuidsConfigurationRequest
    ) async throws -> TransformationConfiguration {
        try await createConfiguration(.populateFederationGuids, body: try request.body())
    }

    /// A configuration (`GET /transformations/configurations/{id}`).
    public func configuration(_ configurationId: String) async throws -> TransformationConfiguration {
        let endpoint = Endpoint(
            operation: "getConfiguration", api: .transformations, method: .get,
            target: .path([.literal("configurations"), .id(configurationId, name: "configurationId")]))
        return try await pipeline.send(endpoint, as: TransformationsEnvelopes.ConfigurationBody.self).configuration
    }

    /// The configurations of an iTwin (project), fetched page by page in full representation.
    public func configurations(inProject projectId: String) -> PageSequence<TransformationConfiguration> {
        let endpoint = Endpoint(
            operation: "listConfigurations", api: .transformations, method: .get,
            target: .path([.literal("configurations")]), query: [("projectId", projectId)],
            headers: ["Prefer": "return=representation"])
        return PageSequence(
            pipeline: pipeline, firstPage: endpoint, collectionKey: TransformationsContract.configurationsKey,
            precondition: { try IModelsAPI.validate(id: projectId, name: "projectId") })
    }

    /// Deletes a configuration. A retried delete that finds it gone counts as success.
    public func deleteConfiguration(_ configurationId: String) async throws {
        _ = try await pipeline.send(
            Endpoint(
                operation: "deleteConfiguration", api: .transformations, method: .delete,
                target: .path([.literal("configurations"), .id(configurationId, name: "configurationId")])))
    }

    /// Starts a run of the configuration (`POST /transformations/`). The first run processes the whole source; later
    /// runs of the same configuration only the source's new changes.
    ///
    /// Without queueing the service allows one run per target iModel at a time (a second is refused with `409`);
    /// with `enableQueueing` the run waits its turn. If the connection is lost after the request was sent, the SDK
    /// looks for a run of this configuration created since then before sending again, so no second run starts; a run
    /// that an earlier call of this client returned is never taken for this call's run.
    public func run(configurationId: String, enableQueueing: Bool = false) async throws -> Transformation {
        let run = try await startRun(configurationId: configurationId, enableQueueing: enableQueueing)
        startedRuns.record(run.id)
        return run
    }

    /// Sends the run request; after an unknown outcome, looks for the run before sending once more.
    private func startRun(configurationId: String, enableQueueing: Bool) async throws -> Transformation {
        try IModelsAPI.validate(id: configurationId, name: "configurationId")
        var headers = HTTPHeaders()
        if enableQueueing { headers["Enable-Transformation-Queueing"] = "true" }
        let endpoint = Endpoint(
            operation: "runTransformation", api: .transformations, method: .post, target: .path([.literal("")]),
            headers: headers,
            body: try pipeline.encode(TransformationsRequestBodies.Run(configurationId: configurationId)))
        let sentAt = pipeline.clock.now
        do {
            return try await pipeline.send(endpoint, as: TransformationsEnvelopes.TransformationBody.self)
                .transformation
        } catch let error as ITwinClientError where error.hasUnknownOutcome {
            if let ours = try await findRun(of: configurationId, createdSince: sentAt, otherwise: error) {
                return ours
            }
            return try await pipeline.send(endpoint, as: TransformationsEnvelopes.TransformationBody.self)
                .transformation
        }
    }

    /// A run (`GET /transformations/{id}`).
    public func transformation(_ transformationId: String) async throws -> Transformation {
        try await transformation(transformationId, deadline: nil)
    }

    /// The runs of a configuration (`GET /transformations/?configurationId=`), fetched page by page.
    public func transformations(of configurationId: String) -> PageSequence<Transformation> {
        PageSequence(
            pipeline: pipeline, firstPage: listTransformationsEndpoint(configurationId),
            collectionKey: TransformationsContract.transformationsKey,
            precondition: { try IModelsAPI.validate(id: configurationId, name: "configurationId") })
    }

    /// Cancels a running transformation (`DELETE /transformations/{id}`) and returns it, `Aborted`. A finished run
    /// cannot be cancelled.
    public func cancel(_ transformationId: String) async throws -> Transformation {
        var endpoint = Endpoint(
            operation: "cancelTransformation", api: .transformations, method: .delete,
            target: .path([.id(transformationId, name: "transformationId")]))
        endpoint.notFoundAfterRetryIsSuccess = false
        return try await pipeline.send(endpoint, as: TransformationsEnvelopes.TransformationBody.self).transformation
    }

    private func listTransformationsEndpoint(_ configurationId: String) -> Endpoint {
        Endpoint(
            operation: "listTransformations", api: .transformations, method: .get, target: .path([.literal("")]),
            query: [("configurationId", configurationId)], headers: ["Prefer": "return=representation"])
    }

    func transformation(_ transformationId: String, deadline: Date?) async throws -> Transformation {
        let endpoint = Endpoint(
            operation: "getTransformation", api: .transformations, method: .get,
            target: .path([.id(transformationId, name: "transformationId")]))
        return try await pipeline.send(
            endpoint, as: TransformationsEnvelopes.TransformationBody.self, deadline: deadline
        )
        .transformation
    }

    private func createConfiguration(
        _ type: TransformType, body: TransformationsRequestBodies.Configuration
    ) async throws -> TransformationConfiguration {
        let endpoint = Endpoint(
            operation: "create\(type.rawValue)Configuration", api: .transformations, method: .post,
            target: .path([.literal("configurations"), .literal(TransformationsContract.configurationPath(type))]),
            body: try pipeline.encode(body))
        return try await pipeline.send(endpoint, as: TransformationsEnvelopes.ConfigurationBody.self).configuration
    }

    /// Looks for the run a request of `configurationId` sent at `sentAt` created: the newest run created since then.
    ///
    /// "Since then" is on the service's clock: the lookup's `Date` header minus the time that has passed here since
    /// sending, less a small margin, so a run started a minute earlier (an earlier `importIModel(reusing:)`) is not
    /// taken for this one; a run an earlier call of this client returned is left out too. Without a `Date` header a
    /// window of ``TransformationsContract/runLookupClockSkew`` is allowed for clock skew. When the lookup itself
    /// fails, `otherwise` is thrown.
    private func findRun(
        of configurationId: String, createdSince sentAt: Date, otherwise: ITwinClientError
    ) async throws -> Transformation? {
        do {
            let endpoint = listTransformationsEndpoint(configurationId)
            let firstResponse = try await pipeline.send(endpoint)
            let elapsed = max(0, pipeline.clock.now.timeIntervalSince(sentAt))
            let earliest =
                firstResponse.headers["Date"].flatMap(RetryAfter.httpDate).map {
                    $0.addingTimeInterval(-elapsed - TransformationsContract.runLookupDateMargin)
                } ?? sentAt.addingTimeInterval(-TransformationsContract.runLookupClockSkew)
            typealias Page = PageSequence<Transformation>.Page
            let firstPage = try pipeline.decode(
                Page.self, from: firstResponse, operation: endpoint.operation,
                userInfo: [Page.collectionKeyInfo: TransformationsContract.transformationsKey])
            var runs = firstPage.items
            if let next = firstPage.next {
                guard let url = pipeline.linkPolicy.resolve(next) else { throw otherwise }
                var following = endpoint
                following.target = .link(url)
                runs += try await PageSequence<Transformation>(
                    pipeline: pipeline, firstPage: following, collectionKey: TransformationsContract.transformationsKey
                ).collect()
            }
            return
                runs
                .filter { ($0.createdDateTime ?? .distantPast) >= earliest && !startedRuns.contains($0.id) }
                .max { ($0.createdDateTime ?? .distantPast) < ($1.createdDateTime ?? .distantPast) }
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw otherwise
        }
    }
}
