import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

@Suite(.verifiesStubTransports) struct CachingTokenProviderTests {
    private struct TokenServiceDown: Error, Equatable {}

    /// A token endpoint in virtual time: each fetch takes one second, returns `secret-token-<n>` valid for
    /// `lifetime` from its answer, and fails while `failing` is set.
    private final class TokenService: Sendable {
        let clock: VirtualClock
        let lifetime: TimeInterval
        private let state = Locked((fetches: 0, failing: false))

        init(clock: VirtualClock, lifetime: TimeInterval = 3600) {
            self.clock = clock
            self.lifetime = lifetime
        }

        var fetches: Int { state.withLock { $0.fetches } }

        func setFailing(_ failing: Bool) { state.withLock { $0.failing = failing } }

        func fetch() async throws -> AccessToken {
            let (number, failing) = state.withLock { state -> (Int, Bool) in
                state.fetches += 1
                return (state.fetches, state.failing)
            }
            try await clock.sleep(for: .seconds(1))
            if failing { throw TokenServiceDown() }
            return AccessToken(value: "secret-token-\(number)", expiresAt: clock.now.addingTimeInterval(lifetime))
        }
    }

    private func makeProvider(
        _ clock: VirtualClock,
        lifetime: TimeInterval = 3600
    ) -> (CachingTokenProvider, TokenService) {
        let service = TokenService(clock: clock, lifetime: lifetime)
        let provider = CachingTokenProvider(renewBefore: .seconds(60), clock: clock) { try await service.fetch() }
        return (provider, service)
    }

    /// Lets tasks run (in virtual time nothing moves) until `condition` holds.
    private func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<2_000 {
            if condition() { return }
            await Task.yield()
            try await Task.sleep(for: .microseconds(200))
        }
        Issue.record("condition not reached")
    }

    /// Calls the provider from `count` concurrent tasks, lets the one fetch they wait for finish, and returns what
    /// each caller got.
    private func concurrentCalls(
        _ count: Int,
        forceRefresh: Bool = false,
        provider: CachingTokenProvider,
        clock: VirtualClock
    ) async throws -> [Result<String, any Error>] {
        try await withThrowingTaskGroup(of: Result<String, any Error>.self) { group in
            for _ in 0..<count {
                group.addTask {
                    do {
                        return .success(try await provider.accessToken(forceRefresh: forceRefresh))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            try await waitUntil { provider.waitingCallers == count && clock.sleeperCount == 1 }
            clock.advance(by: .seconds(1))
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test func oneHundredConcurrentCallersShareOneFetch() async throws {
        let clock = VirtualClock()
        let (provider, service) = makeProvider(clock)
        let tokens = try await concurrentCalls(100, provider: provider, clock: clock).map { try $0.get() }
        #expect(service.fetches == 1)
        #expect(tokens == Array(repeating: "secret-token-1", count: 100))
        #expect(try await provider.accessToken(forceRefresh: false) == "secret-token-1")
        #expect(service.fetches == 1)
    }

    @Test func theTokenIsRenewedOnceItIsWithinRenewBeforeOfItsExpiry() async throws {
        let clock = VirtualClock()
        let origin = clock.now
        let (provider, service) = makeProvider(clock)
        _ = try await concurrentCalls(3, provider: provider, clock: clock)
        let expiry = origin.addingTimeInterval(1 + 3600)
        #expect(provider.expiresAt == expiry)

        // Exactly `renewBefore` left: still fresh.
        clock.advance(to: expiry.addingTimeInterval(-60))
        #expect(try await provider.accessToken(forceRefresh: false) == "secret-token-1")
        #expect(service.fetches == 1)

        clock.advance(by: .seconds(0.5))
        let renewed = try await concurrentCalls(50, provider: provider, clock: clock).map { try $0.get() }
        #expect(service.fetches == 2)
        #expect(renewed == Array(repeating: "secret-token-2", count: 50))
        #expect(clock.recordedSleeps.count == 2)
    }

    @Test func anExpiredTokenIsRefreshedOnceForEveryCallerWaiting() async throws {
        let clock = VirtualClock()
        let (provider, service) = makeProvider(clock)
        _ = try await concurrentCalls(1, provider: provider, clock: clock)
        let expiry = try #require(provider.expiresAt)
        clock.advance(to: expiry.addingTimeInterval(600))
        let refreshed = try await concurrentCalls(100, provider: provider, clock: clock).map { try $0.get() }
        #expect(service.fetches == 2)
        #expect(refreshed == Array(repeating: "secret-token-2", count: 100))
        #expect(provider.expiresAt == clock.now.addingTimeInterval(3600))
    }

    /// Through the client: the `401` makes the pipeline ask with `forceRefresh`, which fetches a new token, and the
    /// calls after it reuse that token.
    @Test func aClientRetriesAnUnauthorizedWithANewlyFetchedTokenAndKeepsIt() async throws {
        let clock = VirtualClock()
        let fetches = Locked(0)
        let provider = CachingTokenProvider(clock: clock) {
            let number = fetches.withLock { count -> Int in
                count += 1
                return count
            }
            return AccessToken(value: "secret-token-\(number)", expiresAt: clock.now.addingTimeInterval(3600))
        }
        let stub = StubTransport()
        let path: PathPattern = "/imodels/abc/operations/create"
        let ok = #"{"createOperation":{"state":"successful"}}"#
        stub.enqueue(.get, path, status: 401, json: "{}")
        stub.enqueue(.get, path, status: 200, json: ok)
        stub.enqueue(.get, path, status: 200, json: ok)
        let client = ITwinClient(
            configuration: Configuration(environment: .custom(URL(string: "https://api.example.test")!), clock: clock),
            tokenProvider: provider, transport: stub)
        _ = try await client.iModels.createOperation(of: "abc")
        _ = try await client.iModels.createOperation(of: "abc")
        #expect(
            stub.requests.map { $0.headers["Authorization"] } == [
                "Bearer secret-token-1", "Bearer secret-token-2", "Bearer secret-token-2",
            ])
        #expect(fetches.withLock { $0 } == 2)
        try stub.verify()
    }

    @Test func aShortLivedTokenIsKeptForHalfItsLifetime() async throws {
        let clock = VirtualClock()
        let (provider, service) = makeProvider(clock, lifetime: 30)
        // Asked at 0, answered at 1, expires at 31: renewed after half of the 31 s since the fetch started.
        _ = try await concurrentCalls(1, provider: provider, clock: clock)
        clock.advance(by: .seconds(14.5))
        #expect(try await provider.accessToken(forceRefresh: false) == "secret-token-1")
        clock.advance(by: .seconds(0.5))
        let renewed = try await concurrentCalls(1, provider: provider, clock: clock).map { try $0.get() }
        #expect(renewed == ["secret-token-2"])
        #expect(service.fetches == 2)
    }

    @Test func forceRefreshFetchesAnewAndConcurrentForcedCallersShareTheFetch() async throws {
        let clock = VirtualClock()
        let (provider, service) = makeProvider(clock)
        _ = try await concurrentCalls(1, provider: provider, clock: clock)

        let forced = try await concurrentCalls(1, forceRefresh: true, provider: provider, clock: clock)
        #expect(try forced.map { try $0.get() } == ["secret-token-2"])
        #expect(service.fetches == 2)

        let together = try await concurrentCalls(10, forceRefresh: true, provider: provider, clock: clock)
        #expect(try together.map { try $0.get() } == Array(repeating: "secret-token-3", count: 10))
        #expect(service.fetches == 3)
        #expect(try await provider.accessToken(forceRefresh: false) == "secret-token-3")
    }

    @Test func aForcedCallerJoinsARenewalAlreadyInFlight() async throws {
        let clock = VirtualClock()
        let (provider, service) = makeProvider(clock)
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask { try await provider.accessToken(forceRefresh: false) }
            try await waitUntil { provider.waitingCallers == 1 && clock.sleeperCount == 1 }
            group.addTask { try await provider.accessToken(forceRefresh: true) }
            try await waitUntil { provider.waitingCallers == 2 }
            clock.advance(by: .seconds(1))
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results == ["secret-token-1", "secret-token-1"])
        #expect(service.fetches == 1)
    }

    @Test func aFailedFetchReachesEveryWaiterAndIsNotCached() async throws {
        let clock = VirtualClock()
        let (provider, service) = makeProvider(clock)
        service.setFailing(true)
        let failed = try await concurrentCalls(20, provider: provider, clock: clock)
        #expect(service.fetches == 1)
        for result in failed {
            #expect(throws: TokenServiceDown.self) { try result.get() }
        }
        #expect(provider.expiresAt == nil)

        service.setFailing(false)
        let retried = try await concurrentCalls(5, provider: provider, clock: clock).map { try $0.get() }
        #expect(service.fetches == 2)
        #expect(retried == Array(repeating: "secret-token-2", count: 5))
    }

    @Test func aCancelledCallerLeavesWhileTheOthersGetTheToken() async throws {
        let clock = VirtualClock()
        let (provider, service) = makeProvider(clock)
        let staying = Task { try await provider.accessToken(forceRefresh: false) }
        let leaving = Task { try await provider.accessToken(forceRefresh: false) }
        try await waitUntil { provider.waitingCallers == 2 && clock.sleeperCount == 1 }
        leaving.cancel()
        await #expect(throws: CancellationError.self) { try await leaving.value }
        #expect(provider.waitingCallers == 1)
        clock.advance(by: .seconds(1))
        #expect(try await staying.value == "secret-token-1")
        #expect(try await provider.accessToken(forceRefresh: false) == "secret-token-1")
        #expect(service.fetches == 1)
    }

    @Test func descriptionsNeverShowTheToken() async throws {
        let clock = VirtualClock()
        let (provider, _) = makeProvider(clock)
        #expect("\(provider)" == "CachingTokenProvider(no token)")
        let token = try await concurrentCalls(1, provider: provider, clock: clock)[0].get()
        #expect(token == "secret-token-1")

        var dumped = ""
        dump(provider, to: &dumped)
        let expiring = AccessToken(value: token, expiresAt: clock.now)
        var dumpedToken = ""
        dump(expiring, to: &dumpedToken)
        let texts = [
            "\(provider)", String(reflecting: provider), dumped,
            "\(expiring)", String(reflecting: expiring), dumpedToken, "\([expiring])",
        ]
        for text in texts {
            #expect(!text.contains("secret"), "\(text)")
        }
        #expect("\(provider)" == "CachingTokenProvider(expires 2026-01-01T01:00:01Z)")
        #expect("\(expiring)" == "AccessToken(<redacted>, expires 2026-01-01T00:00:01Z)")
    }
}
