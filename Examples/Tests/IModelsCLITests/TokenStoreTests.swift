import Foundation
import IModelsCLI
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("Token store")
struct TokenStoreTests {
    static func login(
        _ kind: StoredLogin.Kind = .interactive, expiresIn seconds: TimeInterval = 3600, refresh: String? = "refresh-1"
    ) -> StoredLogin {
        StoredLogin(
            accessToken: "stored-access-TOKEN-1", expiresAt: Date().addingTimeInterval(seconds),
            refreshToken: kind == .interactive ? refresh : nil, clientId: "svc-app", kind: kind,
            scopes: ["itwin-platform"], environment: "production", authority: FakeOIDCProvider.authority)
    }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        _ = stat(path, &info)
        return info.st_mode & 0o777
    }

    @Test("a saved login is a 0600 file in a 0700 folder, and reads back the same")
    func savesPrivately() throws {
        let store = try temporaryStore()
        defer { remove(store) }
        let login = Self.login()
        try store.save(login)
        #expect(Self.mode(store.file(for: "production").path) == 0o600)
        #expect(Self.mode(store.directory.path) == 0o700)
        #expect(try store.load("production") == login)
        #expect(try store.load("qa") == nil)
    }

    @Test("a file others can read is refused, naming the path and the chmod that fixes it", arguments: [0o644, 0o640])
    func refusesLooseFile(mode: Int) throws {
        let store = try temporaryStore()
        defer { remove(store) }
        try store.save(Self.login())
        let path = store.file(for: "production").path
        chmod(path, mode_t(mode))
        let error = try #require(throws: LoginError.self) { try store.load("production") }
        #expect(error == .looseFile(path: path, mode: UInt32(mode)))
        #expect(error.description.contains("chmod 600 \(path)"))
        #expect(CLIExitCode(for: error) == .auth)
        #expect(!error.description.contains("stored-access-TOKEN-1"))
    }

    @Test("delete removes the file, and says when there was none")
    func deletes() throws {
        let store = try temporaryStore()
        defer { remove(store) }
        try store.save(Self.login())
        #expect(try store.delete("production"))
        #expect(!FileManager.default.fileExists(atPath: store.file(for: "production").path))
        #expect(try store.delete("production") == false)
    }

    @Test("the store is in $XDG_CONFIG_HOME/imodels, else ~/.config/imodels")
    func location() {
        let xdg = TokenStore.standard(environment: ["XDG_CONFIG_HOME": "/x/config", "HOME": "/home/u"])
        #expect(xdg?.directory.path == "/x/config/imodels")
        let home = TokenStore.standard(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/home/u"])
        #expect(home?.directory.path == "/home/u/.config/imodels")
        #expect(TokenStore.standard(environment: [:]) == nil)
    }

    @Test("a stored login's description and dump never show its tokens")
    func redacted() {
        let login = Self.login()
        var dumped = ""
        dump(login, to: &dumped)
        for text in [login.description, String(reflecting: login), dumped, "\(login)"] {
            #expect(!text.contains("stored-access-TOKEN-1"))
            #expect(!text.contains("refresh-1"))
        }
        #expect(login.description.contains("svc-app"))
    }
}
