/// How the simulator behaves: its tier, how long creation takes, page sizes and how strict it is.
public struct SimulatorOptions: Sendable {
    /// The rate limits enforced (default ``SimulatorTier/unlimited``).
    public var tier: SimulatorTier
    /// After a clone or fork is accepted, how long until the new iModel's `state` is `initialized`.
    public var initializationTime: Duration
    /// After a clone or fork is accepted, how long until its create operation leaves `scheduled` (for `successful`,
    /// `failed` or `mainIModelIsMissingFederationGuids`). Never shorter than ``initializationTime``.
    public var completionTime: Duration
    /// How long an empty iModel (`POST /imodels` with `creationMode: "empty"`) stays `notInitialized`, its create
    /// operation `scheduled`, before both are ready (default 5 s). The service initializes such an iModel in the
    /// background (its 201 answer may say `notInitialized`), so code must wait before using it. Without `creationMode`
    /// the simulator answers as the service's deprecated "empty instantly initialized" mode: `initialized` at once.
    /// <https://developer.bentley.com/apis/imodels-v2/operations/create-imodel/>,
    /// <https://developer.bentley.com/apis/imodels-v2/changelog/> (2025-02-27).
    public var emptyIModelInitializationTime: Duration
    /// The page size of list answers when the request has no `$top` (the service's default is 100).
    public var defaultPageSize: Int
    /// Whether a request without an `Accept` header for the right API version is refused (default `true`: the
    /// service recommends the header, and a client that omits it depends on the service's default version).
    public var requiresAcceptHeader: Bool
    /// The create-operation state a fork of a main iModel missing FederationGuids ends in. The service says
    /// `mainIModelIsMissingFederationGuids`; older documentation said `sourceIsMissingFederationGuids`.
    public var missingFederationGuidsState: String
    /// How long a transformation run stays `Created`, and then `Initializing`, before it is `Started`.
    public var transformationPhaseTime: Duration
    /// How many elements a `Started` run processes per second (its `processedElementCount` grows at this rate).
    public var transformationElementsPerSecond: Int

    /// Creates options; every value has a default that suits fast tests.
    public init(
        tier: SimulatorTier = .unlimited,
        initializationTime: Duration = .seconds(4),
        completionTime: Duration = .seconds(10),
        emptyIModelInitializationTime: Duration = .seconds(5),
        defaultPageSize: Int = 100,
        requiresAcceptHeader: Bool = true,
        missingFederationGuidsState: String = "mainIModelIsMissingFederationGuids",
        transformationPhaseTime: Duration = .seconds(2),
        transformationElementsPerSecond: Int = 500
    ) {
        self.tier = tier
        self.initializationTime = max(.zero, initializationTime)
        self.completionTime = max(self.initializationTime, completionTime)
        self.emptyIModelInitializationTime = max(.zero, emptyIModelInitializationTime)
        self.defaultPageSize = min(1000, max(1, defaultPageSize))
        self.requiresAcceptHeader = requiresAcceptHeader
        self.missingFederationGuidsState = missingFederationGuidsState
        self.transformationPhaseTime = max(.zero, transformationPhaseTime)
        self.transformationElementsPerSecond = max(1, transformationElementsPerSecond)
    }

    /// The same options with every value brought into its range, as ``init(tier:initializationTime:completionTime:emptyIModelInitializationTime:defaultPageSize:requiresAcceptHeader:missingFederationGuidsState:transformationPhaseTime:transformationElementsPerSecond:)`` does.
    var validated: SimulatorOptions {
        SimulatorOptions(
            tier: tier, initializationTime: initializationTime, completionTime: completionTime,
            emptyIModelInitializationTime: emptyIModelInitializationTime, defaultPageSize: defaultPageSize,
            requiresAcceptHeader: requiresAcceptHeader, missingFederationGuidsState: missingFederationGuidsState,
            transformationPhaseTime: transformationPhaseTime,
            transformationElementsPerSecond: transformationElementsPerSecond)
    }
}
