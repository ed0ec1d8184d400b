import Foundation
import IModelsClient
import IModelsTesting

/// How many polls a 10-minute clone costs, and how late its completion is seen: the SDK's backoff (1 s ×1.5 to
/// 15 s) against the official TypeScript client's fixed 1 s poll with its 5-minute default timeout. Virtual time,
/// so the figures are exact and repeatable.
enum PollingScenario {
    static let scenario = Scenario(name: "polling, 10-minute clone") {
        let sdk = try await measure(fixedOneSecond: false)
        let fixed = try await measure(fixedOneSecond: true)
        let ratio = Double(fixed.polls) / Double(max(1, sdk.polls))
        return "SDK \(sdk.polls) polls, seen \(format(sdk.lateBy)) s late; fixed 1 s: \(fixed.polls) polls, "
            + "seen \(format(fixed.lateBy)) s late (\(format(ratio))× the requests; with the TypeScript client's "
            + "5-minute default timeout it gives up at 300 s instead)"
    }

    private struct Outcome {
        var polls: Int
        var lateBy: Double
    }

    private static func measure(fixedOneSecond: Bool) async throws -> Outcome {
        let clock = VirtualClock()
        let simulator = IModelsSimulator(
            clock: clock, options: SimulatorOptions(initializationTime: .seconds(240), completionTime: .seconds(600)))
        let sample = simulator.addSampleData()
        let client = ITwinClient(
            configuration: Configuration(environment: .production, clock: clock, jitterSeed: 7),
            accessToken: { sample.accessToken }, transport: simulator)
        let started = clock.now
        let creation = try await client.iModels.clone(sample.bridgeIModelId, into: sample.targetITwinId)
        if fixedOneSecond {
            // The TypeScript client's loop: a fixed 1 s sleep before each poll (here without its 5-minute timeout).
            try await clock.run {
                repeat {
                    try await clock.sleep(for: .seconds(1))
                } while try await client.iModels.createOperation(of: creation.iModelId).state != .successful
            }
        } else {
            _ = try await clock.run {
                try await client.iModels.waitUntilCreated(creation.iModelId, until: .completed, timeout: .seconds(3600))
            }
        }
        let polls = simulator.requestLog.filter { $0.methodAndPath.hasSuffix("/operations/create") }.count
        return Outcome(polls: polls, lateBy: clock.now.timeIntervalSince(started) - 600)
    }
}

/// A figure with at most one decimal.
func format(_ value: Double) -> String {
    value.rounded() == value ? String(Int(value)) : String(format: "%.1f", value)
}
