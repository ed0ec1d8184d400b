import Foundation
import IModelsCLI
import IModelsClient
import Testing

@Suite("auth login (service), status and logout")
struct ServiceLoginTests {
    @Test("a service login stores the token, its expiry, the client, kind and scopes, and never the secret")
    func storesLogin() async throws {
        let store = try temporaryStore()
        defer { remove(store) }
        let provider = FakeOIDCProvider()
        let login = try await ServiceLogin.login(
            clientId: "svc-app", secret: provider.secret, scopes: ["itwin-platform"], environment: .production,
            store: store, authority: FakeOIDCProvider.authority, transport: provider)
        #expect(provider.grants == ["client_credentials"])
        let stored = try #require(try store.load("production"))
        #expect(stored == login)
        #expect(stored.accessToken == provider.issued.first)
        #expect(stored.kind == .service && stored.clientId == "svc-app" && stored.scopes == ["itwin-platform"])
        #expect(stored.expiresAt.timeIntervalSinceNow > 3000)
        let file = try String(contentsOf: store.file(for: "production"), encoding: .utf8)
        #expect(!file.contains(provider.secret))
    }

    @Test("a wrong secret is refused with exit code 7, and the message holds no secret")
    func wrongSecret() async throws {
        let store = try temporaryStore()
        defer { remove(store) }
        let provider = FakeOIDCProvider()
        let error = try await #require(throws: LoginError.self) {
            try await ServiceLogin.login(
                clientId: "svc-app", secret: "wrong-SECRET-9", scopes: ["itwin-platform"], environment: .production,
                store: store, authority: FakeOIDCProvider.authority, transport: provider)
        }
        #expect(CLIExitCode(for: error) == .auth)
        #expect(error.description.contains("invalid_client"))
        #expect(!error.description.contains("wrong-SECRET-9"))
        #expect(try store.load("production") == nil)
    }

    @Test("the secret comes from --client-secret, --client-secret-file or IMODELS_CLIENT_SECRET; none: interactive")
    func secretSources() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("from-file\n".utf8).write(to: file)
        let variables = [StoredLoginProvider.secretVariable: "from-env"]
        #expect(try ServiceLogin.secret(option: "from-option", file: nil, environment: variables) == "from-option")
        #expect(try ServiceLogin.secret(option: nil, file: file.path, environment: variables) == "from-file")
        #expect(try ServiceLogin.secret(option: nil, file: nil, environment: variables) == "from-env")
        #expect(try ServiceLogin.secret(option: nil, file: nil, environment: [:]) == nil)
        for (option, path) in [("a", file.path), (nil, "/nonexistent/secret"), ("", nil)] as [(String?, String?)] {
            let error = try #require(throws: ToolError.self) {
                try ServiceLogin.secret(option: option, file: path, environment: [:])
            }
            #expect(error.exitCode == .usage)
        }
    }

    @Test("status shows the client, kind, environment and expiry, as text and JSON, never the token")
    func status() throws {
        let store = try temporaryStore()
        defer { remove(store) }
        let signedOut = try AuthStatus(store: store, environment: "production", secretAvailable: false)
        #expect(!signedOut.signedIn)
        #expect(signedOut.text.contains("Not signed in to production"))
        #expect(JSONOutput.string(signedOut).contains(#""signedIn" : false"#))

        try store.save(TokenStoreTests.login(.service, expiresIn: 1800))
        let status = try AuthStatus(store: store, environment: "production", secretAvailable: false)
        let json = JSONOutput.string(status)
        #expect(status.text.contains("Signed in to production as service app svc-app"))
        #expect(status.text.contains("expires in 30 min"))
        #expect(status.text.contains("not renewable: set IMODELS_CLIENT_SECRET"))
        for key in [#""kind" : "service""#, #""clientId" : "svc-app""#, #""expired" : false"#, #""renewable" : false"#]
        {
            #expect(json.contains(key))
        }
        for text in [status.text, json] { #expect(!text.contains("stored-access-TOKEN-1")) }
    }
}
