/// The entry point of the SDK: one configuration, one token provider, one transport, shared by every API.
///
/// ```swift
/// let client = ITwinClient(
///     configuration: .init(environment: .production),
///     accessToken: { try await myTokenProvider() },
///     transport: URLSessionTransport())
/// ```
public final class ITwinClient: Sendable {
    /// The configuration the client was created with.
    public let configuration: Configuration
    /// The iModels API v2: clone, fork, create, creation state, iModels, changesets, waiting.
    public let iModels: IModelsAPI
    /// The Transformations API v1: configurations, runs, waiting.
    public let transformations: TransformationsAPI
    let pipeline: RequestPipeline

    /// Creates a client whose token comes from a closure, called for every attempt of every request.
    public convenience init(
        configuration: Configuration = Configuration(),
        accessToken: @escaping @Sendable () async throws -> String,
        transport: any HTTPTransport = URLSessionTransport()
    ) {
        self.init(configuration: configuration, tokenProvider: ClosureTokenProvider(accessToken), transport: transport)
    }

    /// Creates a client whose token comes from a provider (asked with `forceRefresh: true` once after a `401`).
    public init(
        configuration: Configuration = Configuration(),
        tokenProvider: some AccessTokenProvider,
        transport: any HTTPTransport = URLSessionTransport()
    ) {
        self.configuration = configuration
        let pipeline = RequestPipeline(configuration: configuration, transport: transport, tokenProvider: tokenProvider)
        self.pipeline = pipeline
        self.iModels = IModelsAPI(pipeline: pipeline)
        self.transformations = TransformationsAPI(pipeline: pipeline)
    }
}
