import Foundation
import IModelsClient

/// An in-memory stand-in for the iModels v2 and Transformations v1 services, to test code that uses the SDK
/// without a network, tokens or waiting.
///
/// The simulator is an `HTTPTransport`: give it to `ITwinClient` and every call goes through the real pipeline
/// (auth, retries, rate limits, polling) to an emulation of the documented service, with its paths, status codes,
/// headers, bodies and error codes. It computes every state from its clock when a request arrives, with no
/// background work, so it is exact under a ``VirtualClock`` (share the clock with the client and a 10-minute clone
/// finishes at once) and real under `SystemClock`.
///
/// ```swift
/// let clock = VirtualClock()
/// let simulator = IModelsSimulator(clock: clock)
/// let iTwin = simulator.addITwin(name: "Bridges")
/// let source = simulator.addIModel(SimulatorIModelSeed(iTwinId: iTwin, name: "Bridge", changesetCount: 3))
/// simulator.addAccessToken("test-token")
/// let client = ITwinClient(
///     configuration: .init(clock: clock), accessToken: { "test-token" }, transport: simulator)
/// let clone = try await clock.run {
///     try await client.cloneAndWait(source, into: iTwin, name: "Bridge copy")
/// }
/// #expect(simulator.iModels(in: iTwin).count == 2)
/// ```
///
/// Seed it with ``addITwin(_:name:)``, ``addAccessToken(_:permissions:expiresAt:)`` and ``addIModel(_:)``; read its
/// state back with ``iModels(in:)``, ``changesets(of:)``, ``namedVersions(of:)``, ``createOperation(of:)`` and
/// ``requestLog``; add named versions with ``addNamedVersion(to:name:description:changesetIndex:state:)``; make it fail
/// with ``inject(_:on:_:times:)``.
///
/// ## Where the documentation is silent
/// The simulator follows the published pages and their examples, and Bentley's TypeScript client and its integration
/// tests (which run against the service). Where they say nothing it chooses, on the **stricter** side where there is
/// one (so a test does not pass only because the simulator was kind), and these choices may differ from the live
/// service:
/// - an unknown or expired token gets `401` with the service's message but the unwrapped body
///   `{"code":"InvalidAuthorizationToken","message":…}` (the platform is known to send unwrapped 401 bodies);
/// - a wrong or missing `Accept` version gets `400 InvalidHeaderValue` (see ``SimulatorOptions/requiresAcceptHeader``);
/// - clone and fork answer `202` with an empty body; an empty iModel, a configuration and a run answer `201`;
/// - an empty iModel (`creationMode: "empty"`) initializes in the background
///   (``SimulatorOptions/emptyIModelInitializationTime``), and without `creationMode` it is the deprecated instant
///   mode; malformed extents, `containersEnabled` outside 0…7 and a coordinate system without `creationMode: "empty"`
///   are refused with `422 InvalidValue`;
/// - a clone or fork of an iModel that is not `initialized` (still being created, or failed) is refused with
///   `409 iModelIsNotInitialized`; a copy without `containersEnabled` has none (0);
/// - the minimal transformation run in a list (without `Prefer: return=representation`) is only its `id`; the
///   simulator has no checkpoints, so a changeset's `currentOrPrecedingCheckpoint` link is null (its `namedVersion`
///   link names the version on it, if any), and `download` points at a made-up storage origin;
/// - the iModel list's `name` filter matches the name exactly, while a new iModel whose name differs from one in the
///   iTwin only in case is refused with `409 iModelExists`;
/// - the configuration list (`GET /transformations/configurations?projectId=`) holds every configuration whose source
///   or target is in the project, in creation order; it filters on nothing else (no name), and in full
///   (`Prefer: return=representation`) each configuration has its `createdDateTime` and the `sourceIModel`,
///   `targetIModel`, `sourceProject` and `targetProject` links, which is what the SDK's lookup after a lost answer
///   reads;
/// - continuation tokens are id cursors: an item created or deleted between two pages neither repeats nor skips one
///   (`$skip` stays a plain offset);
/// - clone and fork share one rate-limit window, and the tier header carries ``SimulatorTier/name`` (see
///   ``SimulatorTier``);
/// - a second run on a busy target without queueing gets `409 TransformationInProgress`; cancelling a finished run
///   gets `409 TransformationNotCancellable`; a failed run has `errorCode` `1`;
/// - MergeIModel and PopulateFederationGuids take the ImportIModel body without `transformParameters`, and
///   PopulateFederationGuids needs source equal to target;
/// - a rerun of an ImportIModel configuration processes 50 elements per new source changeset (none when nothing
///   changed);
/// - a failing run fails halfway through its elements; a run keeps the pace of the options it was created under;
/// - ImportIModel and MergeIModel refuse the same iModel as source and target (422), and a run whose source or target
///   is not `initialized` yet fails at once;
/// - named versions: the list takes `$search` or `name`, not both (`422 MutuallyExclusiveParametersProvided`, as the
///   iModel list documents), and is ordered by changeset index (then creation) without `$orderBy`; names are unique
///   in an iModel ignoring case (`409 NamedVersionExists`); a changeset, and the baseline, carry at most one named
///   version (`409 NamedVersionOnChangesetExists`); `changesetId: ""` is `422 InvalidValue` (leave it out for the
///   baseline); an update needs at least one of `name`, `description` and `state` (`422 InvalidRequestBody`); creating
///   and updating need `imodels_write`, reading `imodels_webview`; `404 NamedVersionNotFound` names the id asked;
///   clones, forks and template copies start without named versions (the Clone iModel page);
/// - an iModel from a template (`creationMode: "fromiModelVersion"`) is created through its create operation with the
///   clone durations, has no changesets and no named versions, and its create operation has neither `clonedFrom` nor
///   `forkedFrom`; `template.changesetId: ""` is `422 InvalidValue`; a template that is not `initialized` is
///   `409 iModelIsNotInitialized`; it needs `imodels_read` on the template and `imodels_manage` in the target iTwin;
///   the simulator has one data center, so the same-data-center rule never refuses;
/// - the missing-FederationGuids flag is per iModel, not per changeset (a fork up to a changeset older than the
///   PopulateFederationGuids run succeeds here; the service may refuse it);
/// - the iModel list refuses `name` with `$search` (`422 MutuallyExclusiveParametersProvided`) and an `$orderBy` on
///   another property than `name` or `createdDateTime` (`422 InvalidValue`); `$search` matches name or description
///   ignoring case; `state` compares the computed state exactly;
/// - `PATCH /imodels/{id}` takes only `name`, `description` and `extent`, refuses an empty object, a null or blank
///   name and an iModel that is not `initialized` yet (`409 iModelIsNotInitialized`), accepts the iModel's own name
///   (a resent rename succeeds) and refuses another iModel's, ignoring case (`409 iModelExists`); a null or empty
///   description and a null extent clear them;
/// - there are no iModel-level permissions: `GET /imodels/{id}/permissions` answers the token's permissions in the
///   iModel's iTwin, sorted by name, and every iModel has `isSecured: false`;
/// - every configuration type beyond ImportIModel, MergeIModel and PopulateFederationGuids (FilterIModel,
///   FilterByViewDefinition, FilterSubCategories, FilterBySavedView, CombineIModels, CombinePhysicalModels,
///   CombinePhysicalModelsV2, AlignIModelData) requires `transformParameters` with the members its page lists and no
///   others (`422`, `target` the member's path such as `transformParameters.ecSql`); the lists a filter needs
///   (`models`, `categories`, `subCategoryNames`, `iModels`, `modelGroups`) must not be empty; FilterIModel's
///   `includeChildren: true` needs `inclusive: true`; CombinePhysicalModelsV2's model groups take `targetModelName` and
///   `sourceModelsQuery` (the page does not spell them) and `groupUnselectedModels: true` needs
///   `unselectedModelsGroupName`; AlignIModelData needs one of its two options; every iModel CombineIModels lists must
///   exist in its project (`404 IModelNotFound`); a run of any of these types pushes one changeset to the target,
///   like an import;
/// - the run list's `Status` takes one documented status (any case) and `OrderBy` `createdDateTime asc|desc`; another
///   value gets `400 InvalidTransformationsRequest` with an `InvalidValue` detail (the shape of the Get report page's
///   `400`);
/// - a run has one report once it has `Succeeded` or `Failed` and none before (an empty `reports` list, also for an
///   aborted run); an unknown run gets `404 TransformationNotFound`; the report link points at another origin
///   (``reportStorageOrigin``), is valid for 20 minutes (``reportLinkLifetime``), and the storage refuses a request
///   carrying `Authorization` (see ``reportDownloads``).
///
/// A base URL with a path (`.custom(URL(string: "https://gateway.example.com/bentley")!)`) is served too: routing
/// starts at `/imodels` or `/transformations`, and links keep the prefix.
public final class IModelsSimulator: HTTPTransport {
    /// The clock every state is computed from.
    public let clock: any ITwinClock
    let state: Locked<SimulatorState>

    /// Creates an empty simulator (no iTwins, tokens or iModels).
    ///
    /// - Parameters:
    ///   - clock: the clock states are computed from; share a ``VirtualClock`` with the client in tests.
    ///   - options: the tier, creation durations, page size and strictness.
    ///   - idSeed: the seed of the generated ids; the same seed and requests give the same ids.
    public init(
        clock: any ITwinClock = SystemClock(), options: SimulatorOptions = SimulatorOptions(), idSeed: UInt64 = 1
    ) {
        self.clock = clock
        state = Locked(SimulatorState(options: options, idSeed: idSeed))
    }

    /// The options in force; changing them affects requests from then on (runs already started keep their pace).
    /// Values out of range are brought into range, as ``SimulatorOptions`` does when created.
    public var options: SimulatorOptions {
        get { state.withLock { $0.options } }
        set { updateOptions { $0 = newValue } }
    }

    /// Changes the options in one step (no other request sees half of the change).
    ///
    /// ```swift
    /// simulator.updateOptions { $0.tier = .trial }
    /// ```
    public func updateOptions(_ change: (inout SimulatorOptions) -> Void) {
        state.withLock { state in
            var options = state.options
            change(&options)
            state.options = options.validated
            state.setTier(state.options.tier)
        }
    }

    /// `true`: the simulator answers at once, and a ``SimulatorFault/latency(_:)`` longer than the request's
    /// `HTTPRequest.timeout` ends in a timeout at the timeout (on the simulator's clock), so the client needs no
    /// deadline guard of its own around it.
    public var guaranteesDeadlines: Bool { true }

    /// Answers a request as the service would, or fails as an injected fault says.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try Task.checkCancellation()
        let receivedAt = clock.now
        let fault = state.withLock { $0.takeFault(for: request) }
        var outlastedTimeout: Duration?
        if case .latency(let duration) = fault?.kind {
            if let timeout = request.timeout, duration > timeout {
                try await clock.sleep(for: timeout)
                outlastedTimeout = timeout
            } else {
                try await clock.sleep(for: duration)
            }
        }
        var logged = request
        logged.headers = request.headers.redacted()
        return try state.withLock { state in
            // Read under the lock, so requests are handled in the order of their timestamps.
            let now = clock.now
            var entry = SimulatorLogEntry(
                request: logged, receivedAt: receivedAt, status: nil, fault: fault?.description)
            defer { state.log.append(entry) }
            let failure = { (kind: TransportFailure.Kind, description: String, reached: Bool) in
                TransportFailure(
                    operation: request.operation, kind: kind, underlyingDescription: description,
                    requestMayHaveReachedServer: reached)
            }
            switch fault?.kind {
            case .respond(let response)?:
                entry.status = response.status
                return response
            case .refuseConnection?:
                throw failure(.cannotConnect, "Could not connect to the server (simulated).", false)
            case .loseConnection(let afterServerActs)?:
                if afterServerActs { _ = state.respond(to: request, now: now) }
                throw failure(.connectionLost, "The network connection was lost (simulated).", true)
            case .timeOut(let afterServerActs)?:
                if afterServerActs { _ = state.respond(to: request, now: now) }
                throw failure(.timedOut, "The request timed out (simulated).", true)
            case .corruptBody(.html)?:
                entry.status = 502
                return HTTPResponse(
                    status: 502, headers: ["Content-Type": "text/html"],
                    body: Data("<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>".utf8))
            case .corruptBody(let corruption)?:
                var response = state.respond(to: request, now: now)
                entry.status = response.status
                if corruption == .truncated {
                    response.body = response.body.prefix(response.body.count / 2)
                } else {
                    response.body = Data("{\"unexpected\": <not json".utf8)
                }
                return response
            case .rewriteBody(let rewrite)?:
                var response = state.respond(to: request, now: now)
                entry.status = response.status
                response.body = rewrite.apply(to: response.body)
                return response
            case .latency?, nil:
                if let timeout = outlastedTimeout {
                    throw failure(
                        .timedOut, "No answer within \(timeout): latency \(fault?.description ?? "") (simulated).", true
                    )
                }
                let response = state.respond(to: request, now: now)
                entry.status = response.status
                return response
            }
        }
    }
}
