import Foundation
import IModelsCLI
import Testing

/// Runs the built `imodels` executable, the way a user would, without `ITWIN_ACCESS_TOKEN` or a stored login (its
/// `XDG_CONFIG_HOME` is an empty folder unless the test gives another), so it runs on the
/// built-in simulator: through `/bin/sh -c` (so a test can redirect or close its streams), or directly (so a test
/// can send it SIGINT, as Ctrl-C does).
struct ToolProcess {
    /// How the process ended.
    struct Outcome {
        /// The exit status, or the signal that ended the process.
        var status: Int32
        /// Whether the process exited (rather than being killed by a signal, such as the trap of a crash).
        var exited: Bool
        var standardOutput: String
        var standardError: String
        /// Whether the process was killed because it had not ended within 60 s.
        var hung = false
    }

    /// The `imodels` executable: beside the test bundle (SwiftPM builds it first, as the test target depends on it),
    /// or `IMODELS_TEST_EXECUTABLE` (to check that the tests fail against an older build).
    static let executable: URL? = {
        if let path = ProcessInfo.processInfo.environment["IMODELS_TEST_EXECUTABLE"] {
            return URL(fileURLWithPath: path)
        }
        var folders = Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
            .map { $0.deletingLastPathComponent() }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        return folders.map { $0.appendingPathComponent("imodels") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// An empty folder for `XDG_CONFIG_HOME`, so that the tool finds no stored login unless a test gives one.
    static let emptyConfig: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imodels-empty-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }()

    /// Runs `script` with `/bin/sh -c`, where `"$IMODELS"` is the executable; `environment` is added to the test's
    /// own (without `ITWIN_ACCESS_TOKEN`).
    static func run(_ script: String, environment: [String: String] = [:]) async throws -> Outcome {
        try await run(URL(fileURLWithPath: "/bin/sh"), ["-c", script], environment: environment, interruptOn: nil)
    }

    /// Runs the executable itself with `arguments`, and sends it SIGINT, as Ctrl-C does, once its standard output
    /// or error shows `interruptOn` (and then every second until it ends, in case the first one came too early).
    static func run(_ arguments: [String], interruptOn: String, environment: [String: String] = [:]) async throws
        -> Outcome
    {
        let executable = try #require(executable, "the imodels executable was not found beside the tests")
        return try await run(executable, arguments, environment: environment, interruptOn: interruptOn)
    }

    /// Runs the process on threads of its own: waiting for it must not hold one of the few threads that run the
    /// tests' tasks (two on a two-core machine), or the timing of the other tests would suffer.
    private static func run(
        _ program: URL, _ arguments: [String], environment: [String: String], interruptOn trigger: String?
    ) async throws -> Outcome {
        let outcome = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    with: Result { try runBlocking(program, arguments, environment: environment, interruptOn: trigger) }
                )
            }
        }
        if outcome.hung { Issue.record("\(program.lastPathComponent) \(arguments) did not end within 60 s: killed") }
        return outcome
    }

    private static func runBlocking(
        _ program: URL, _ arguments: [String], environment: [String: String], interruptOn trigger: String?
    ) throws -> Outcome {
        let executable = try #require(executable, "the imodels executable was not found beside the tests")
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        variables["ITWIN_ACCESS_TOKEN"] = nil
        variables[StoredLoginProvider.secretVariable] = nil
        // Never the developer's own logins: an empty store unless the test gives one.
        variables["XDG_CONFIG_HOME"] = emptyConfig.path
        variables["IMODELS"] = executable.path
        variables.merge(environment) { $1 }
        process.environment = variables
        let pipes = [Pipe(), Pipe()]
        process.standardOutput = pipes[0]
        process.standardError = pipes[1]
        process.standardInput = FileHandle.nullDevice
        let received = Protected([Data(), Data()])
        let interrupted = Protected(false)
        try process.run()
        let group = DispatchGroup()
        for (index, pipe) in pipes.enumerated() {
            group.enter()
            Thread.detachNewThread {
                while true {
                    let chunk = pipe.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    let text = received.withLock { buffers -> String in
                        buffers[index].append(chunk)
                        return buffers.map { String(decoding: $0, as: UTF8.self) }.joined()
                    }
                    if let trigger, text.contains(trigger), !interrupted.withLock({ $0 }) {
                        interrupted.withLock { $0 = true }
                        interrupt(process)
                    }
                }
                group.leave()
            }
        }
        // A regression that hangs (or leaves something holding the pipes open) fails the test, not the run.
        if group.wait(timeout: .now() + 60) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            let buffers = received.withLock { $0 }
            return Outcome(
                status: -1, exited: false, standardOutput: String(decoding: buffers[0], as: UTF8.self),
                standardError: String(decoding: buffers[1], as: UTF8.self), hung: true)
        }
        process.waitUntilExit()
        let buffers = received.withLock { $0 }
        return Outcome(
            status: process.terminationStatus, exited: process.terminationReason == .exit,
            standardOutput: String(decoding: buffers[0], as: UTF8.self),
            standardError: String(decoding: buffers[1], as: UTF8.self))
    }

    /// SIGINT now, and again every second while the process runs.
    private static func interrupt(_ process: Process) {
        guard process.isRunning else { return }
        process.interrupt()
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { interrupt(process) }
    }
}
