import Foundation
import IModelsClient
import IModelsTesting

/// What waiting for a creation costs and how late it sees the end: `waitUntilCreated(_:until: .completed)` with the
/// default polling policy over 100 jitter seeds, against a fixed 1 s poll (the official TypeScript client's loop,
/// here without its 5-minute timeout, so there is something to compare with). Creations of 30 s, 2, 10 and 30
/// minutes in virtual time: the request counts and delays are exact and repeatable.
enum WaitingEconomyScenario {
    /// One scenario per creation length, with the issue's goals: the SDK's share of the fixed poll's requests.
    static let scenarios: [Scenario] = [
        scenario(seconds: 30, label: "30 s", requestShareGoal: 0.25),
        scenario(seconds: 120, label: "2 min", requestShareGoal: 0.12),
        scenario(seconds: 600, label: "10 min", requestShareGoal: 0.08),
        scenario(seconds: 1_800, label: "30 min", requestShareGoal: 0.075),
    ]

    /// The worst detection delay allowed, whatever the length (and never more than half of it).
    static let worstDelayGoal = 15.0

    private static func scenario(seconds: Int, label: String, requestShareGoal: Double) -> Scenario {
        Scenario(name: "waiting economy, \(label) creation") {
            let length = Double(seconds)
            var requests: [Int] = []
            var delays: [Double] = []
            for seed in 0..<100 {
                let outcome = try await measure(length: length, policy: .default, jitterSeed: UInt64(seed))
                requests.append(outcome.requests)
                delays.append(outcome.lateBy)
            }
            let fixed = try await measure(length: length, policy: .fixed(.seconds(1)), jitterSeed: 0)
            let share = median(requests.map(Double.init)) / Double(fixed.requests)
            let worstShare = Double(requests.max() ?? 0) / Double(fixed.requests)
            let delayGoal = min(worstDelayGoal, length / 2)
            let worstDelay = delays.max() ?? 0
            let met = worstShare <= requestShareGoal && worstDelay <= delayGoal
            var line =
                "SDK \(format(median(requests.map(Double.init)))) requests (median of 100 seeds, most "
                + "\(requests.max() ?? 0)), seen late by \(format(median(delays))) s median, \(format(worstDelay)) s "
                + "worst; fixed 1 s: \(fixed.requests) requests, \(format(fixed.lateBy)) s late; "
                + "\(percent(share)) of the requests, \(percent(worstShare)) at most (goal ≤ \(percent(requestShareGoal)), "
                + "worst delay ≤ \(format(delayGoal)) s): \(met ? "met" : "MISSED")"
            if length > 300 {
                line += "; the TypeScript client's 5-minute timeout gives up at 300 s after 300 requests"
            }
            return line
        }
    }

    private struct Outcome {
        var requests: Int
        var lateBy: Double
    }

    /// One creation of `length` seconds (initialized at 40 %), waited for with `policy`: the requests of the wait
    /// (polls and the final iModel read) and how long after completion the wait returned.
    private static func measure(length: Double, policy: PollingPolicy, jitterSeed: UInt64) async throws -> Outcome {
        let clock = VirtualClock()
        let simulator = IModelsSimulator(
            clock: clock,
            options: SimulatorOptions(
                initializationTime: .seconds(length * 0.4), completionTime: .seconds(length)))
        let sample = simulator.addSampleData()
        let client = ITwinClient(
            configuration: Configuration(
                environment: .production, pollingPolicy: policy, clock: clock, jitterSeed: jitterSeed),
            accessToken: { sample.accessToken }, transport: simulator)
        let creation = try await client.iModels.clone(sample.bridgeIModelId, into: sample.targetITwinId)
        let accepted = clock.now
        simulator.clearRequestLog()
        _ = try await clock.run {
            try await client.iModels.waitUntilCreated(creation.iModelId, until: .completed, timeout: .seconds(7_200))
        }
        return Outcome(
            requests: simulator.requestLog.count, lateBy: clock.now.timeIntervalSince(accepted) - length)
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    private static func percent(_ share: Double) -> String { "\(format(share * 100)) %" }
}
