import Foundation
import IModelsClient
import IModelsTesting

/// The peak resident memory of 1,000 concurrent `cloneAndWait` calls on one client against the simulator (2-minute
/// creations in virtual time), against the same process doing one. Each side runs in a child process of its own
/// (this executable started again with ``childArgument``), so neither sees the other's or earlier scenarios' pages.
enum MemoryScenario {
    /// The argument that makes `imodels-bench` run one side and print its peak resident memory in KiB.
    static let childArgument = "--memory-child"
    static let waits = 1_000
    static let goalMiB = 64.0

    static let scenario = Scenario(name: "memory, 1,000 concurrent waits") {
        let many = try runChild(waits: waits)
        let one = try runChild(waits: 1)
        let manyMiB = Double(many) / 1024
        let perWait = Double(many - one) / Double(waits - 1)
        return "peak resident \(format(manyMiB)) MiB with \(waits) waits, \(format(Double(one) / 1024)) MiB with 1 "
            + "(\(format(perWait)) KiB per wait, \(format2(manyMiB / goalMiB))× the goal of \(Int(goalMiB)) MiB): "
            + (manyMiB <= goalMiB ? "met" : "MISSED")
    }

    /// Runs `waits` concurrent clone-and-waits in this process and prints the peak resident memory (KiB).
    static func runAsChild(waits: Int) async throws {
        let clock = VirtualClock()
        let simulator = IModelsSimulator(
            clock: clock, options: SimulatorOptions(initializationTime: .seconds(48), completionTime: .seconds(120)))
        let sample = simulator.addSampleData()
        let client = ITwinClient(
            configuration: Configuration(environment: .production, clock: clock, jitterSeed: 7),
            accessToken: { sample.accessToken }, transport: simulator)
        let finished = try await clock.run {
            try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<waits {
                    group.addTask {
                        let model = try await client.cloneAndWait(
                            sample.bridgeIModelId, into: sample.targetITwinId, name: "Copy \(index)",
                            until: .completed)
                        return model.state == .initialized
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
        }
        guard finished == waits else { throw ChildFailure(message: "\(finished) of \(waits) waits finished") }
        print(try peakResidentKiB())
    }

    /// Starts this executable again as a child that runs `waits` waits, and returns the peak it printed.
    private static func runChild(waits: Int) throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        process.arguments = [childArgument, String(waits)]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, let kib = Int(text) else {
            throw ChildFailure(message: "child with \(waits) waits printed \(text.debugDescription)")
        }
        return kib
    }

    /// `VmHWM` of `/proc/self/status`: the process's peak resident set, in KiB.
    private static func peakResidentKiB() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            if let kib = Int(line.split(separator: " ").dropFirst().first ?? "") { return kib }
        }
        throw ChildFailure(message: "no VmHWM line in /proc/self/status")
    }

    /// A child process that did not report its figure.
    struct ChildFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
