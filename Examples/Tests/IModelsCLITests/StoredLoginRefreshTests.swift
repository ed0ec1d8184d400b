import Foundation
import IModelsCLI
import IModelsClient
import Testing

@Suite("Stored login: renewal")
struct StoredLoginRefreshTests {
    static func provider(
        _ login: StoredLogin, _ store: TokenStore, _ oidc: FakeOIDCProvider, secret: String? = nil
    ) throws -> StoredLoginProvider {
        try store.save(login)
        return StoredLoginProvider(login: login, store: store, transport: oidc, secret: secret)
    }

    @Test("a token with more than 10 minutes left is used as it is")
    func freshTokenUsed() async throws {
        let store = try temporaryStore()
        defer { remove(store) }
        let oidc = FakeOIDCProvider()
        let provider = try Self.provider(TokenStoreTests.login(expiresIn: 11 * 60), store, oidc)
        #expect(try await provider.accessToken(forceRefresh: false) == "stored-access-TOKEN-1")
        #expect(oidc.tokenRequests == 0)
    }

    @Test("within 10 minutes of expiry, an interactive login is refreshed and the rotated refresh token stored")
    func refreshedNearExpiry() async throws {
        let store = try temporaryStore()
        defer { remove(store) }
        let oidc = FakeOIDCProvider()
        let provider = try Self.provider(TokenStoreTests.login(expiresIn: 9 * 60), store, oidc)
        let token = try await provider.accessToken(forceRefresh: false)
        #expect(oidc.grants == ["refresh_token"])
        #expect(token == oidc.issued.first)
        let stored = try #require(try store.load("production"))
        #expect(stored.accessToken == token)
        #expect(stored.refreshToken == oidc.refreshToken && stored.refreshToken != "refresh-1")
        #expect(stored.expiresAt.timeIntervalSinceNow > 3000)
        // The new token is fresh: no second request.
        #expect(try await provider.accessToken(forceRefresh: false) == token)
        #expect(oidc.tokenRequests == 1)
    }

    @Test("forceRefresh (after a 401) refreshes a fresh token")
    func forceRefresh() async throws {
        let store = try temporaryStore()
        defer { remove(store) }
        let oidc = FakeOIDCProvider()
        let provider = try Self.provider(TokenStoreTests.login(), store, oidc)
        #expect(try await provider.accessToken(forceRefresh: true) == oidc.issued.first)
        #expect(oidc.grants == ["refresh_token"])
    }

    @Test("100 concurrent callers of an expiring login share one refresh request")
    func oneRefreshForManyCallers() async throws {
        let store = try temporaryStore()
        defer { remove(store) }
        let oidc = FakeOIDCProvider()
        let provider = try Self.provider(TokenStoreTests.login(expiresIn: 60), store, oidc)
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<100 { group.addTask { try await provider.accessToken(forceRefresh: false) } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(oidc.tokenRequests == 1)
        #expect(tokens == [oidc.issued[0]])
    }

    @Test("a refresh answered 429 with Retry-After is sent again after the wait and succeeds")
    func throttledRefresh() async throws {
        let store = try temporaryStore()
        defer { remove(store) }
        let oidc = FakeOIDCProvider(throttleFirst: 1)
        let provider = try Self.provider(TokenStoreTests.login(expiresIn: 60), store, oidc)
        let token = try await provider.accessToken(forceRefresh: false)
        #expect(oidc.grants == ["refresh_token", "refresh_token"])
        #expect(token == oidc.issued.first)
        #expect(try store.load("production")?.refreshToken == oidc.refreshToken)
    }

    @Test("a refused refresh token ends with exit code 7 and no token in the message")
    func refusedRefresh() async throws {
        let store = try temporaryStore()
        defer { remove(store) }
        let oidc = FakeOIDCProvider(refreshToken: "another")
        let provider = try Self.provider(TokenStoreTests.login(expiresIn: 60), store, oidc)
        let error = try await #require(throws: LoginError.self) { try await provider.accessToken(forceRefresh: false) }
        #expect(CLIExitCode(for: error) == .auth)
        #expect(error.description.contains("invalid_grant"))
        #expect(!error.description.contains("refresh-1") && !error.description.contains("stored-access-TOKEN-1"))
    }

    @Test("an expired service login: renewed with IMODELS_CLIENT_SECRET, else a message that says how to sign in")
    func expiredServiceLogin() async throws {
        let store = try temporaryStore()
        defer { remove(store) }
        let oidc = FakeOIDCProvider()
        let expired = TokenStoreTests.login(.service, expiresIn: -60)
        let stuck = try Self.provider(expired, store, oidc)
        let error = try await #require(throws: LoginError.self) { try await stuck.accessToken(forceRefresh: false) }
        #expect(error.description.contains("imodels auth login --client-id svc-app"))
        #expect(error.description.contains(StoredLoginProvider.secretVariable))
        #expect(oidc.tokenRequests == 0)

        let renewing = try Self.provider(expired, store, oidc, secret: oidc.secret)
        #expect(try await renewing.accessToken(forceRefresh: false) == oidc.issued.first)
        #expect(oidc.grants == ["client_credentials"])
        let file = try String(contentsOf: store.file(for: "production"), encoding: .utf8)
        #expect(!file.contains(oidc.secret))
    }

    @Test("a service login without a secret is used until it expires, even within 10 minutes of expiry")
    func serviceTokenUsedUntilExpiry() async throws {
        let store = try temporaryStore()
        defer { remove(store) }
        let oidc = FakeOIDCProvider()
        let provider = try Self.provider(TokenStoreTests.login(.service, expiresIn: 120), store, oidc)
        #expect(try await provider.accessToken(forceRefresh: false) == "stored-access-TOKEN-1")
        #expect(oidc.tokenRequests == 0)
    }
}
