import Foundation
import IModelsClient

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where `imodels auth login` keeps its logins: one JSON file per environment (`production.json`, `qa.json`,
/// `dev.json`) in `$XDG_CONFIG_HOME/imodels/`, or `~/.config/imodels/` when `XDG_CONFIG_HOME` is unset or relative.
///
/// The folder is made with mode 0700 and each file with mode 0600 (written to a new file, then renamed into place,
/// so a reader never sees half a file). A file that others can read or write (any of the mode's group or other bits
/// set) is refused with ``LoginError/looseFile(path:mode:)``, which names the `chmod` that fixes it.
public struct TokenStore: Sendable, Equatable {
    /// The folder of the files.
    public let directory: URL

    /// A store in `directory` (tests use a temporary one).
    public init(directory: URL) {
        self.directory = directory
    }

    /// The store of `environment` (the process's by default): `$XDG_CONFIG_HOME/imodels`, else
    /// `$HOME/.config/imodels`; `nil` when neither is set.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> TokenStore? {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            return TokenStore(directory: URL(fileURLWithPath: config).appendingPathComponent("imodels"))
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return TokenStore(
            directory: URL(fileURLWithPath: home).appendingPathComponent(".config").appendingPathComponent("imodels"))
    }

    /// The name a deployment's file goes by: `production`, `qa`, `dev`, or `custom-<host>`.
    public static func name(of environment: ITwinEnvironment) -> String {
        switch environment {
        case .production: return "production"
        case .qa: return "qa"
        case .dev: return "dev"
        case .custom(let url): return "custom-" + (url.host ?? "unknown")
        }
    }

    /// The file of `environment`'s login.
    public func file(for environment: String) -> URL {
        directory.appendingPathComponent("\(environment).json")
    }

    /// The stored login of `environment`, or `nil` when there is none. Throws ``LoginError`` when the file can be
    /// read by others or cannot be read.
    public func load(_ environment: String) throws -> StoredLogin? {
        let path = file(for: environment).path
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw LoginError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else { throw LoginError.looseFile(path: path, mode: UInt32(mode)) }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(StoredLogin.self, from: data)
        } catch {
            throw LoginError.unreadable(path: path, reason: "not a login this version of imodels can read")
        }
    }

    /// Writes `login` to its environment's file (mode 0600, in a folder of mode 0700).
    public func save(_ login: StoredLogin) throws {
        let path = file(for: login.environment).path
        try makeDirectory()
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(login)
        let temporary = path + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw LoginError.unwritable(path: temporary, reason: Self.lastError) }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let closed = close(descriptor)
        guard written == data.count, closed == 0, rename(temporary, path) == 0 else {
            let reason = Self.lastError
            unlink(temporary)
            throw LoginError.unwritable(path: path, reason: reason)
        }
    }

    /// Deletes `environment`'s file; `false` when there was none.
    @discardableResult
    public func delete(_ environment: String) throws -> Bool {
        let path = file(for: environment).path
        guard unlink(path) == 0 else {
            if errno == ENOENT { return false }
            throw LoginError.unwritable(path: path, reason: Self.lastError)
        }
        return true
    }

    /// Makes the folder (and its parents) with mode 0700, and sets the folder's own mode to 0700 if it existed.
    private func makeDirectory() throws {
        let path = directory.path
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw LoginError.unwritable(path: path, reason: "could not make the folder")
        }
        guard chmod(path, 0o700) == 0 else { throw LoginError.unwritable(path: path, reason: Self.lastError) }
    }

    private static var lastError: String { String(cString: strerror(errno)) }
}
