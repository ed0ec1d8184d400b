import Foundation
import IModelsCLI
import Testing

/// The `auth` subcommands and a stored login, through the built executable with `XDG_CONFIG_HOME` on a temporary
/// folder. Nothing here reaches a network: no command needs a token request.
@Suite("imodels auth (process)")
struct AuthCommandTests {
    @Test("status and status --json show the stored login, logout deletes it; no token in any output")
    func statusAndLogout() async throws {
        let store = try temporaryStore()
        defer { remove(store) }
        try store.save(TokenStoreTests.login(.service, expiresIn: 3600))
        let config = ["XDG_CONFIG_HOME": store.directory.deletingLastPathComponent().path]
        let text = try await ToolProcess.run(#""$IMODELS" auth status"#, environment: config)
        let json = try await ToolProcess.run(#""$IMODELS" auth status --json"#, environment: config)
        let logout = try await ToolProcess.run(#""$IMODELS" auth logout"#, environment: config)
        let after = try await ToolProcess.run(#""$IMODELS" auth status --json"#, environment: config)
        #expect(text.status == 0 && json.status == 0 && logout.status == 0)
        #expect(text.standardOutput.contains("Signed in to production as service app svc-app"))
        #expect(json.standardOutput.contains(#""clientId" : "svc-app""#))
        #expect(logout.standardOutput.contains("Signed out of production"))
        #expect(!FileManager.default.fileExists(atPath: store.file(for: "production").path))
        #expect(after.standardOutput.contains(#""signedIn" : false"#))
        for outcome in [text, json, logout, after] {
            #expect(!(outcome.standardOutput + outcome.standardError).contains("stored-access-TOKEN-1"))
        }
    }

    @Test("a command with a loose token file ends with exit code 7 and the chmod fix")
    func looseFile() async throws {
        let store = try temporaryStore()
        defer { remove(store) }
        try store.save(TokenStoreTests.login())
        chmod(store.file(for: "production").path, 0o644)
        let config = ["XDG_CONFIG_HOME": store.directory.deletingLastPathComponent().path]
        let outcome = try await ToolProcess.run(#""$IMODELS" status"#, environment: config)
        #expect(outcome.status == 7)
        #expect(outcome.standardError.contains("chmod 600"))
        #expect(!(outcome.standardOutput + outcome.standardError).contains("stored-access-TOKEN-1"))
    }

    @Test("login: a secret given twice or a bad --redirect-uri is a usage error; a secret never shows in the output")
    func loginUsage() async throws {
        let both = try await ToolProcess.run(
            #""$IMODELS" auth login --client-id svc-app --client-secret TOPSECRET-7 --client-secret-file /dev/null"#)
        #expect(both.status == 2)
        #expect(both.standardError.contains("not both"))
        #expect(!(both.standardOutput + both.standardError).contains("TOPSECRET-7"))
        let redirect = try await ToolProcess.run(
            #""$IMODELS" auth login --client-id app --redirect-uri https://example.com/cb"#)
        #expect(redirect.status == 2)
        #expect(redirect.standardError.contains("--redirect-uri must be http://localhost:<port>/<path>"))
    }
}
