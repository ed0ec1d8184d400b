import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

@Suite(.verifiesStubTransports) struct AuthorizationTests {
    let path: PathPattern = "/imodels/abc/operations/create"

    @Test func theClosureIsCalledOncePerAttempt() async throws {
        let calls = Locked(0)
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, path, status: 500, json: "{}")
        stub.enqueue(.get, path, status: 503, json: "{}")
        stub.enqueue(.get, path, status: 200, json: "{}")
        let client = ITwinClient(
            configuration: Configuration(environment: .custom(URL(string: "https://api.example.test")!), clock: clock),
            accessToken: {
                let call = calls.withLock { count -> Int in
                    count += 1
                    return count
                }
                return "token-\(call)"
            },
            transport: stub)
        _ = try await clock.run { try await client.pipeline.send(getEndpoint()) }
        #expect(calls.withLock { $0 } == 3)
        #expect(
            stub.requests.map { $0.headers["Authorization"] } == ["Bearer token-1", "Bearer token-2", "Bearer token-3"])
    }

    @Test func unauthorizedLeadsToExactlyOneForcedRefreshAndOneMoreAttempt() async throws {
        let provider = CountingTokenProvider()
        let stub = StubTransport()
        stub.enqueue(.get, path, status: 401, json: "{}")
        stub.enqueue(.get, path, status: 200, json: "{}")
        let client = makeClient(stub, retryPolicy: .none, tokenProvider: provider)
        let response = try await client.pipeline.send(getEndpoint())
        #expect(response.status == 200)
        #expect(provider.plainCalls == 1)
        #expect(provider.forcedCalls == 1)
        try stub.verify()
    }

    @Test func theClosureIsAskedAgainForTheAttemptAfterAnUnauthorized() async throws {
        let calls = Locked(0)
        let stub = StubTransport()
        stub.enqueue(.get, path, status: 401, json: "{}")
        stub.enqueue(.get, path, status: 200, json: "{}")
        let client = ITwinClient(
            configuration: Configuration(
                environment: .custom(URL(string: "https://api.example.test")!), retryPolicy: .none,
                clock: VirtualClock()),
            accessToken: {
                let call = calls.withLock { count -> Int in
                    count += 1
                    return count
                }
                return "token-\(call)"
            },
            transport: stub)
        _ = try await client.pipeline.send(getEndpoint())
        #expect(stub.requests.map { $0.headers["Authorization"] } == ["Bearer token-1", "Bearer token-2"])
        try stub.verify()
    }

    /// Hands out `stale` until asked to refresh, then `fresh`; counts the forced calls.
    private final class RefreshingProvider: AccessTokenProvider {
        private let state = Locked((refreshed: false, forced: 0))
        var forcedCalls: Int { state.withLock { $0.forced } }
        func accessToken(forceRefresh: Bool) async throws -> String {
            state.withLock { state in
                if forceRefresh {
                    state.refreshed = true
                    state.forced += 1
                }
                return state.refreshed ? "fresh" : "stale"
            }
        }
    }

    @Test func theAttemptAfterAnUnauthorizedCarriesTheRefreshedToken() async throws {
        let provider = RefreshingProvider()
        let stub = StubTransport()
        stub.enqueue(.get, path, status: 401, json: "{}")
        stub.enqueue(.get, path, status: 200, json: "{}")
        let client = makeClient(stub, tokenProvider: provider)
        _ = try await client.pipeline.send(getEndpoint())
        #expect(stub.requests.map { $0.headers["Authorization"] } == ["Bearer stale", "Bearer fresh"])
        #expect(provider.forcedCalls == 1)
    }

    @Test func aLaterUnauthorizedInTheSameCallGetsNoSecondRefresh() async throws {
        let provider = CountingTokenProvider()
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, path, status: 401, json: "{}")
        stub.enqueue(.get, path, status: 500, json: "{}")
        stub.enqueue(.get, path, status: 401, json: "{}")
        let client = makeClient(stub, clock: clock, tokenProvider: provider)
        let error = await captureError { _ = try await clock.run { try await client.pipeline.send(getEndpoint()) } }
        #expect(error?.apiError?.status == 401)
        #expect(provider.forcedCalls == 1)
        #expect(provider.plainCalls == 2)
        try stub.verify()
    }

    @Test func aSecondUnauthorizedIsThrown() async throws {
        let provider = CountingTokenProvider()
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels/abc/clone", status: 401, json: "{}")
        stub.enqueue(
            .post, "/imodels/abc/clone", status: 401,
            json: #"{"error":{"code":"InvalidToken","message":"Expired."}}"#)
        let client = makeClient(stub, tokenProvider: provider)
        let error = await captureError { _ = try await client.pipeline.send(postEndpoint()) }
        #expect(error?.apiError?.status == 401)
        #expect(error?.apiError?.code == "InvalidToken")
        #expect(provider.forcedCalls == 1)
        #expect(stub.requests.count == 2)
    }

    /// A provider that throws ends the call with ``ITwinClientError/tokenProviderFailed(operation:underlying:)``,
    /// naming the operation and keeping the provider's error, before anything is sent (issue 17, defect 9).
    @Test func aFailingTokenProviderEndsTheCallWithTokenProviderFailedBeforeSending() async throws {
        struct NoToken: Error, CustomStringConvertible {
            var description: String { "the sign-in expired" }
        }
        let stub = StubTransport()
        let client = ITwinClient(
            configuration: Configuration(environment: .custom(URL(string: "https://api.example.test")!)),
            accessToken: { throw NoToken() }, transport: stub)
        let error = await captureError { _ = try await client.iModels.iModel("abc") }
        guard case .tokenProviderFailed(let operation, let underlying)? = error else {
            Issue.record("expected tokenProviderFailed, got \(String(describing: error))")
            return
        }
        #expect(operation == "getIModel")
        #expect(underlying is NoToken)
        #expect(error?.description.contains("the sign-in expired") == true)
        #expect(stub.requests.isEmpty)
    }

    /// A provider cancelled with its task throws `CancellationError`, which is never wrapped.
    @Test func aTokenProviderThrowingCancellationErrorStaysACancellation() async throws {
        let stub = StubTransport()
        let client = ITwinClient(
            configuration: Configuration(environment: .custom(URL(string: "https://api.example.test")!)),
            accessToken: { throw CancellationError() }, transport: stub)
        await #expect(throws: CancellationError.self) { _ = try await client.iModels.iModel("abc") }
        #expect(stub.requests.isEmpty)
    }
}
