import Foundation
import IModelsCLI
import IModelsClient
import Testing

/// Everything the auth code prints, throws or describes, captured and searched for the secret and the tokens.
@Suite("auth: no secret or token in any output")
struct SecretLeakTests {
    @Test("login, a refused login, status, a refresh and the credentials' description show no secret or token")
    func noLeaks() async throws {
        let store = try temporaryStore()
        defer { remove(store) }
        let oidc = FakeOIDCProvider()
        let (console, written) = recordingConsole(terminal: false)
        var texts: [String] = []

        try await ServiceLogin.run(
            clientId: "svc-app", secret: oidc.secret, scopes: ServiceLogin.defaultScopes, environment: .production,
            store: store, console: console, authority: FakeOIDCProvider.authority, transport: oidc)
        #expect(written.withLock { $0 }.joined().contains("Signed in to production as service app svc-app"))
        do {
            try await ServiceLogin.run(
                clientId: "svc-app", secret: "not-the-SECRET-1", scopes: ServiceLogin.defaultScopes,
                environment: .production, store: store, console: console, authority: FakeOIDCProvider.authority,
                transport: oidc)
            Issue.record("a wrong secret was accepted")
        } catch {
            texts += [String(describing: error), ErrorReport(error, command: .status, onSimulator: false).text]
            texts.append(ErrorReport(error, command: .status, onSimulator: false).json())
        }
        let status = try AuthStatus(store: store, environment: "production", secretAvailable: true)
        texts += [status.text, JSONOutput.string(status)]

        let expired = try #require(try store.load("production"))
        var nearExpiry = expired
        nearExpiry.expiresAt = Date().addingTimeInterval(60)
        try store.save(nearExpiry)
        let credentials = try await Credentials.resolve(
            tokenCommand: nil, forceSimulator: false, environment: [StoredLoginProvider.secretVariable: oidc.secret],
            store: store, transport: oidc)
        var dumped = ""
        dump(credentials, to: &dumped)
        texts += [credentials.description, dumped, String(describing: credentials.tokenProvider as Any)]
        texts += written.withLock { $0 }

        #expect(oidc.grants == ["client_credentials", "client_credentials", "client_credentials"])
        let secrets = [oidc.secret, "not-the-SECRET-1"] + oidc.issued
        for text in texts {
            for secret in secrets { #expect(!text.contains(secret), "\(text)") }
        }
    }
}
