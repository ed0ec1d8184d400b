import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

@Suite(.verifiesStubTransports) struct ConfigurationTests {
    @Test func theDefaultsAreProductionDefaultRetriesNoProactiveLimitsAndOneMinutePerRequest() {
        let configuration = Configuration()
        #expect(configuration.environment == .production)
        #expect(configuration.retryPolicy == .default)
        #expect(configuration.pollingPolicy == .default)
        #expect(configuration.rateLimits == .none)
        #expect(configuration.log == nil)
        #expect(configuration.clock is SystemClock)
        #expect(configuration.requestTimeout == .seconds(60))
        #expect(configuration.additionalHeaders.count == 0)
        #expect(configuration.jitterSeed == nil)
    }

    @Test func theClientKeepsTheConfigurationItWasGiven() {
        var configuration = Configuration(environment: .qa, retryPolicy: .none, rateLimits: .trial)
        configuration.requestTimeout = .seconds(5)
        let client = ITwinClient(configuration: configuration, accessToken: { testToken }, transport: StubTransport())
        #expect(client.configuration.environment == .qa)
        #expect(client.configuration.retryPolicy == .none)
        #expect(client.configuration.rateLimits == .trial)
        #expect(client.configuration.requestTimeout == .seconds(5))
    }

    @Test(arguments: [Duration?.none, .seconds(5)])
    func theRequestTimeoutIsSentWithEveryRequest(_ timeout: Duration?) async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 200, json: "{}")
        var configuration = Configuration(
            environment: .custom(URL(string: "https://api.example.test")!), clock: VirtualClock())
        configuration.requestTimeout = timeout
        let client = ITwinClient(configuration: configuration, accessToken: { testToken }, transport: stub)
        _ = try await client.pipeline.send(getEndpoint())
        #expect(stub.requests.map(\.timeout) == [timeout])
    }

    @Test func dumpOfAConfigurationAndOfAClientNeverShowsATokenInAdditionalHeaders() async throws {
        let configuration = Configuration(additionalHeaders: ["Authorization": "Bearer \(dumpedToken)"])
        let tokens = CachingTokenProvider {
            AccessToken(value: dumpedToken, expiresAt: Date().addingTimeInterval(3600))
        }
        _ = try await tokens.accessToken(forceRefresh: false)
        let client = ITwinClient(configuration: configuration, tokenProvider: tokens, transport: StubTransport())
        for text in renderings(of: configuration) + renderings(of: client) {
            #expect(!text.contains(dumpedToken), "token shown: \(text)")
        }
    }
}
