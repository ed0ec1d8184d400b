import Foundation
import IModelsCLI
import Testing

/// Runs the built `imodels` executable, the way a user would, through `/bin/sh -c` (so a test can redirect or close
/// its streams), without `ITWIN_ACCESS_TOKEN`, so it runs on the built-in simulator.
struct ToolProcess {
    /// How the process ended.
    struct Outcome {
        /// The exit status, or the signal that ended the process.
        var status: Int32
        /// Whether the process exited (rather than being killed by a signal, such as the trap of a crash).
        var exited: Bool
        var standardOutput: String
        var standardError: String
    }

    /// The `imodels` executable: beside the test bundle (SwiftPM builds it first, as the test target depends on it).
    static let executable: URL? = {
        var folders = Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
            .map { $0.deletingLastPathComponent() }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        return folders.map { $0.appendingPathComponent("imodels") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs `script` with `/bin/sh -c`, where `"$IMODELS"` is the executable; `environment` is added to the test's
    /// own (without `ITWIN_ACCESS_TOKEN`).
    static func run(_ script: String, environment: [String: String] = [:]) throws -> Outcome {
        let executable = try #require(executable, "the imodels executable was not found beside the tests")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        var variables = ProcessInfo.processInfo.environment
        variables["ITWIN_ACCESS_TOKEN"] = nil
        variables["IMODELS"] = executable.path
        variables.merge(environment) { $1 }
        process.environment = variables
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errorData = Protected(Data())
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            let data = error.fileHandleForReading.readDataToEndOfFile()
            errorData.withLock { $0 = data }
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, exited: process.terminationReason == .exit,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData.withLock { $0 }, as: UTF8.self))
    }
}
