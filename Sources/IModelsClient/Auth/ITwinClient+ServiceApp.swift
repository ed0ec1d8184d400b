import Foundation

extension ITwinClient {
    /// Creates a client for a service app: its token comes from a ``ServiceTokenProvider`` (client credentials) that
    /// uses the configuration's environment's authority (``ITwinEnvironment/authority``, unless `authority` is
    /// given), clock and retry policy, and this client's transport.
    ///
    /// ```swift
    /// let client = ITwinClient(
    ///     configuration: .init(environment: .production),
    ///     clientId: ProcessInfo.processInfo.environment["ITWIN_CLIENT_ID"]!,
    ///     clientSecret: ProcessInfo.processInfo.environment["ITWIN_CLIENT_SECRET"]!)
    /// ```
    public convenience init(
        configuration: Configuration = Configuration(),
        clientId: String,
        clientSecret: String,
        scopes: [String] = ["itwin-platform"],
        authority: URL? = nil,
        transport: any HTTPTransport = URLSessionTransport()
    ) {
        let server = AuthorizationServer(
            authority: authority ?? configuration.environment.authority, transport: transport,
            clock: configuration.clock, retryPolicy: configuration.retryPolicy,
            requestTimeout: configuration.requestTimeout, jitterSeed: configuration.jitterSeed)
        self.init(
            configuration: configuration,
            tokenProvider: ServiceTokenProvider(
                clientId: clientId, clientSecret: clientSecret, scopes: scopes, server: server),
            transport: transport)
    }
}
