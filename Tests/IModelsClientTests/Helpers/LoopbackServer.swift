import Foundation

@testable import IModelsClient

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The Python loopback server (`loopback_server.py` next to this file).
///
/// A suite marked `.loopbackServer` shares one server, reached with ``ports()``; ``with(_:)`` runs one for a
/// single block of code. Either way the server is always stopped, by closing its stdin and sending SIGKILL.
/// Never `Process.terminate()`: a child started from async test code inherits a signal mask that blocks SIGTERM,
/// and `waitUntilExit()` would then wait forever. If the test process dies, the server exits when its stdin
/// closes.
struct LoopbackServer {
    /// Where the server listens.
    struct Ports: Sendable, Decodable {
        /// 127.0.0.1, the origin tests talk to.
        var primary: Int
        /// 127.0.0.2: another origin (another host).
        var otherHost: Int
        /// 127.0.0.1 on another port: another origin (same host).
        var otherPort: Int
        /// A port on 127.0.0.1 nothing listens on: connecting is refused.
        var closedPort: Int

        /// `http://127.0.0.1:<primary><path>`.
        func primaryURL(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(primary)\(path)")! }
        /// `http://127.0.0.2:<otherHost><path>`.
        func otherHostURL(_ path: String) -> URL { URL(string: "http://127.0.0.2:\(otherHost)\(path)")! }
        /// `http://127.0.0.1:<otherPort><path>`.
        func otherPortURL(_ path: String) -> URL { URL(string: "http://127.0.0.1:\(otherPort)\(path)")! }
    }

    /// Why the server could not be used.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The server of the suite being run (set by ``LoopbackServerTrait``).
    @TaskLocal static var current: Ports?

    /// How long the server may take to print its ports.
    static let startTimeout: TimeInterval = 15

    static let scriptURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("loopback_server.py")

    /// The ports of the suite's server; throws when the suite is not marked `.loopbackServer`.
    static func ports() throws -> Ports {
        guard let current else { throw Failure(description: "mark the suite with the .loopbackServer trait") }
        return current
    }

    /// Starts a server, runs `body` with its ports, and stops the server, whether `body` returns or throws.
    static func with<T>(_ body: (Ports) async throws -> T) async throws -> T {
        let server = try await start()
        defer { server.stop() }
        return try await body(server.ports)
    }

    private let process: Process
    private let stdin: Pipe
    private let ports: Ports

    private static func start() async throws -> LoopbackServer {
        let process = Process()
        let stdin = Pipe()
        let stdout = Pipe()
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("loopback-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw Failure(description: "could not create \(log.path)")
        }
        defer { try? FileManager.default.removeItem(at: log) }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", scriptURL.path]
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: log)
        do {
            try process.run()
        } catch {
            throw Failure(description: "could not run python3 \(scriptURL.path): \(error)")
        }
        let line = await firstLine(of: stdout.fileHandleForReading, killingAfterTimeout: process.processIdentifier)
        guard let line, let ports = try? JSONDecoder().decode(Ports.self, from: Data(line.utf8)) else {
            stop(process, stdin)
            let errors = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw Failure(
                description: "the loopback server exited or gave no ports within \(startTimeout) s; first line: "
                    + "\(line ?? "none"); stderr:\n\(errors)"
            )
        }
        return LoopbackServer(process: process, stdin: stdin, ports: ports)
    }

    /// Reads up to the first newline on a thread of its own, and kills the process if that takes longer than
    /// ``startTimeout`` (the read then ends at EOF). Returns `nil` when EOF comes before a newline.
    private static func firstLine(of handle: FileHandle, killingAfterTimeout pid: pid_t) async -> String? {
        let done = Locked(false)
        DispatchQueue.global().asyncAfter(deadline: .now() + startTimeout) {
            if !done.withLock({ $0 }) { kill(pid, SIGKILL) }
        }
        return await withCheckedContinuation { continuation in
            let reader = Thread {
                var bytes = Data()
                while !bytes.contains(UInt8(ascii: "\n")) {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    bytes.append(chunk)
                }
                done.withLock { $0 = true }
                let text = String(decoding: bytes, as: UTF8.self)
                continuation.resume(returning: text.contains("\n") ? String(text.prefix { $0 != "\n" }) : nil)
            }
            reader.start()
        }
    }

    private func stop() { Self.stop(process, stdin) }

    /// Closes the server's stdin (it exits on EOF), sends SIGKILL in case it does not, and reaps it.
    private static func stop(_ process: Process, _ stdin: Pipe) {
        try? stdin.fileHandleForWriting.close()
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
