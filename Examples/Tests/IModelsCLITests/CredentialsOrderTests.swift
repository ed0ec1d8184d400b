import Foundation
import IModelsCLI
import IModelsClient
import Testing

@Suite("Token sources: --token-command, ITWIN_ACCESS_TOKEN, stored login, simulator")
struct CredentialsOrderTests {
    static func resolve(
        command: String? = nil, variable: String? = nil, store: TokenStore?, simulator: Bool = false
    ) async throws -> Credentials {
        var environment = ["PATH": "/usr/bin:/bin"]
        environment[Credentials.environmentVariable] = variable
        return try await Credentials.resolve(
            tokenCommand: command, forceSimulator: simulator, environment: environment, store: store,
            transport: FakeOIDCProvider())
    }

    static func token(_ credentials: Credentials) async throws -> String? {
        try await credentials.tokenProvider?.accessToken(forceRefresh: false)
    }

    @Test("each source is used only when the ones before it are absent")
    func order() async throws {
        let store = try temporaryStore()
        defer { remove(store) }
        try store.save(TokenStoreTests.login())
        let command = try await Self.resolve(command: "echo command-token", variable: "env-token", store: store)
        #expect(try await Self.token(command) == "command-token")
        let variable = try await Self.resolve(variable: "env-token", store: store)
        #expect(try await Self.token(variable) == "env-token")
        let stored = try await Self.resolve(store: store)
        #expect(try await Self.token(stored) == "stored-access-TOKEN-1")
        #expect(stored.description == "stored production login (interactive, app svc-app) (<redacted>)")
        let forced = try await Self.resolve(store: store, simulator: true)
        #expect(forced.tokenProvider == nil)
        try store.delete("production")
        #expect(try await Self.resolve(store: store).tokenProvider == nil)
    }

    @Test("a stored login of another environment is not used")
    func otherEnvironment() async throws {
        let store = try temporaryStore()
        defer { remove(store) }
        try store.save(TokenStoreTests.login())
        let credentials = try await Credentials.resolve(
            tokenCommand: nil, forceSimulator: false, environment: [:], store: store, iTwinEnvironment: .qa,
            transport: FakeOIDCProvider())
        #expect(credentials.tokenProvider == nil)
    }

    @Test("a loose token file stops the command (exit code 7) rather than falling back to the simulator")
    func looseFileStops() async throws {
        let store = try temporaryStore()
        defer { remove(store) }
        try store.save(TokenStoreTests.login())
        chmod(store.file(for: "production").path, 0o604)
        let error = try await #require(throws: LoginError.self) { try await Self.resolve(store: store) }
        #expect(CLIExitCode(for: error) == .auth)
    }
}
