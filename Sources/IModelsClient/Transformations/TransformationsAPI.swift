import Foundation

/// The Transformations API v1: create configurations of every documented type, run them, follow, list and cancel
/// runs, and read their reports.
///
/// Use it as `client.transformations`. Requests send `Accept: application/vnd.bentley.itwin-platform.v1+json`.
public struct TransformationsAPI: Sendable {
    let pipeline: RequestPipeline
    /// The runs this client's `run` calls returned (never taken for another call's run after an unknown outcome).
    let startedRuns = StartedRuns()

    var poller: Poller { Poller(pipeline: pipeline) }

    /// Creates an ImportIModel configuration (seed `004`); it does not run it.
    ///
    /// If the answer is lost after the request was sent, the SDK looks up the configuration it made (same name,
    /// iModels and projects, created since the send) before sending again, so no second one is made.
    public func createImportIModelConfiguration(
        _ request: ImportIModelConfigurationRequest
    ) async throws -> TransformationConfiguration {
        try await createConfiguration(.importIModel, body: try request.body())
    }

    /// Creates a MergeIModel configuration (closed preview); it does not run it.
    ///
    /// If the answer is lost after the request was sent, the SDK looks up the configuration it made (same name,
    /// iModels and projects, created since the send) before sending again, so no second one is made.
    public func createMergeIModelConfiguration(
        _ request: MergeIModelConfigurationRequest
    ) async throws -> TransformationConfiguration {
        try await createConfiguration(.mergeIModel, body: try request.body())
    }

    /// Creates a PopulateFederationGuids configuration (closed preview); it does not run it.
    ///
    /// If the answer is lost after the request was sent, the SDK looks up the configuration it made (same name,
    /// iModels and projects, created since the send) before sending again, so no second one is made.
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
        PageSequence(
            pipeline: pipeline, firstPage: listConfigurationsEndpoint(inProject: projectId),
            collectionKey: TransformationsContract.configurationsKey,
            precondition: { try InputValidation.id(projectId, named: "projectId") })
    }

    /// `GET /transformations/configurations?projectId=` (configurations whose source or target is in the project), in
    /// full representation.
    func listConfigurationsEndpoint(inProject projectId: String) -> Endpoint {
        Endpoint(
            operation: "listConfigurations", api: .transformations, method: .get,
            target: .path([.literal("configurations")]), query: [("projectId", projectId)],
            headers: ["Prefer": "return=representation"])
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
    /// looks for a run of this configuration created between the send and the failure (on the service's clock) before
    /// sending again, so no second run starts; a run that an earlier call of this client returned is never taken for
    /// this call's run, and when two runs of another client were started too close to this one to tell them apart it
    /// throws ``ITwinClientError/ambiguousOutcome(operation:candidates:)`` naming them rather than guess.
    public func run(configurationId: String, enableQueueing: Bool = false) async throws -> Transformation {
        try InputValidation.id(configurationId, named: "configurationId")
        var headers = HTTPHeaders()
        if enableQueueing { headers["Enable-Transformation-Queueing"] = "true" }
        let endpoint = Endpoint(
            operation: "runTransformation", api: .transformations, method: .post, target: .path([.literal("")]),
            headers: headers,
            body: try pipeline.encode(TransformationsRequestBodies.Run(configurationId: configurationId)))
        let run = try await DuplicateSafeCreate<Transformation>(
            operation: endpoint.operation, id: \.id,
            send: {
                try await pipeline.send(endpoint, as: TransformationsEnvelopes.TransformationBody.self).transformation
            },
            lookUp: { sentAt, failedAt in
                try await runLookup(of: configurationId).find(with: pipeline, sentAt: sentAt, failedAt: failedAt)
            }
        ).perform(clock: pipeline.clock)
        startedRuns.record(run.id)
        return run
    }

    /// A run (`GET /transformations/{id}`).
    public func transformation(_ transformationId: String) async throws -> Transformation {
        try await transformation(transformationId, deadline: nil)
    }

    /// The runs of a configuration (`GET /transformations/?configurationId=`), fetched page by page in full
    /// representation, optionally only those with one `status` and in an `order`.
    ///
    /// The v1 page names the filters `Status` and `OrderBy` (its URL template
    /// `?configurationId[&Status][&OrderBy][&$top][&$skip]`), sent with that spelling. `Status` takes one
    /// ``TransformationStatus`` (the documented values are `Created`, `Initializing`, `Started`, `Succeeded`, `Failed`,
    /// `Aborted`); `OrderBy` a ``TransformationOrder``. A blank status or order is refused before anything is sent.
    ///
    /// ```swift
    /// for try await failed in client.transformations.transformations(of: config.id, status: .failed) { … }
    /// ```
    public func transformations(
        of configurationId: String, status: TransformationStatus? = nil, orderBy: TransformationOrder? = nil
    ) -> PageSequence<Transformation> {
        PageSequence(
            pipeline: pipeline,
            firstPage: listTransformationsEndpoint(configurationId, status: status, orderBy: orderBy),
            collectionKey: TransformationsContract.transformationsKey,
            precondition: {
                try InputValidation.id(configurationId, named: "configurationId")
                if let status { try InputValidation.required(status.rawValue, named: "status") }
                if let orderBy { try InputValidation.required(orderBy.rawValue, named: "orderBy") }
            })
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

    /// `GET /transformations/?configurationId=[&Status=][&OrderBy=]`, in full representation.
    func listTransformationsEndpoint(
        _ configurationId: String, status: TransformationStatus? = nil, orderBy: TransformationOrder? = nil
    ) -> Endpoint {
        var query = [("configurationId", configurationId)]
        if let status { query.append(("Status", status.rawValue)) }
        if let orderBy { query.append(("OrderBy", orderBy.rawValue)) }
        return Endpoint(
            operation: "listTransformations", api: .transformations, method: .get, target: .path([.literal("")]),
            query: query, headers: ["Prefer": "return=representation"])
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

    /// Creates a configuration of `type` with `body`. After an unknown outcome it looks in the target project for the
    /// configuration the first request made (see `configurationLookup`) before sending again, so no second one is made.
    func createConfiguration(
        _ type: TransformType, body: TransformationsRequestBodies.Configuration
    ) async throws -> TransformationConfiguration {
        let endpoint = Endpoint(
            operation: "create\(type.rawValue)Configuration", api: .transformations, method: .post,
            target: .path([.literal("configurations"), .literal(TransformationsContract.configurationPath(type))]),
            body: try pipeline.encode(body))
        return try await DuplicateSafeCreate<TransformationConfiguration>(
            operation: endpoint.operation, id: \.id,
            send: {
                try await pipeline.send(endpoint, as: TransformationsEnvelopes.ConfigurationBody.self).configuration
            },
            lookUp: { sentAt, failedAt in
                try await configurationLookup(body).find(with: pipeline, sentAt: sentAt, failedAt: failedAt)
            }
        ).perform(clock: pipeline.clock)
    }
}
