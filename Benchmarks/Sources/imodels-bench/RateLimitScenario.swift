import Foundation
import IModelsClient
import IModelsTesting

/// Sixty clones at once on the paid tier (20 clones a minute in a sliding window): the SDK with proactive limits
/// (`.paid`), the SDK with only the shared cooldown after a 429 (the default), and hand-written code that sends
/// them all and does not retry a 429 (what the official TypeScript client does). The ideal is 120 s until the last
/// clone is accepted: 20 at once, 20 a minute later, 20 a minute after that. Virtual time.
enum RateLimitScenario {
    static let clones = 60
    static let ideal = 120.0

    static let scenario = Scenario(name: "rate-limited batch, 60 clones on the paid tier") {
        let proactive = try await measureSDK(rateLimits: .paid)
        let cooldown = try await measureSDK(rateLimits: .none)
        let naive = try await measureNaive()
        let proactiveRatio = proactive.seconds / ideal
        let cooldownRatio = cooldown.seconds / ideal
        let met = proactiveRatio <= 1.05 && proactive.tooMany == 0 && cooldownRatio <= 1.25
        return
            "proactive: \(proactive.tooMany)×429, all \(proactive.succeeded) accepted at \(format(proactive.seconds)) s "
            + "(\(format2(proactiveRatio))× the ideal 120 s; goal ≤ 1.05× and no 429); cooldown only: "
            + "\(cooldown.tooMany)×429, all \(cooldown.succeeded) accepted at \(format(cooldown.seconds)) s "
            + "(\(format2(cooldownRatio))×; goal ≤ 1.25×); no Retry-After handling: \(naive.succeeded) of \(clones) "
            + "accepted, \(naive.tooMany) fail with 429: \(met ? "met" : "MISSED")"
    }

    private struct Outcome {
        var succeeded: Int
        var tooMany: Int
        var seconds: Double
    }

    private static func simulator(_ clock: VirtualClock) -> (IModelsSimulator, SimulatorSampleData) {
        let simulator = IModelsSimulator(clock: clock, options: SimulatorOptions(tier: .paid))
        return (simulator, simulator.addSampleData())
    }

    private static func measureSDK(rateLimits: RateLimits) async throws -> Outcome {
        let clock = VirtualClock()
        let (simulator, sample) = simulator(clock)
        let client = ITwinClient(
            configuration: Configuration(
                environment: .production, retryPolicy: RetryPolicy(maxAttempts: 50), rateLimits: rateLimits,
                clock: clock, jitterSeed: 7),
            accessToken: { sample.accessToken }, transport: simulator)
        let started = clock.now
        let succeeded = try await clock.run {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<clones {
                    group.addTask {
                        _ = try await client.iModels.clone(
                            sample.bridgeIModelId, into: sample.targetITwinId, name: "Copy \(index)")
                    }
                }
                try await group.waitForAll()
                return clones
            }
        }
        let tooMany = simulator.requestLog.filter { $0.status == 429 }.count
        return Outcome(succeeded: succeeded, tooMany: tooMany, seconds: clock.now.timeIntervalSince(started))
    }

    private static func measureNaive() async throws -> Outcome {
        let clock = VirtualClock()
        let (simulator, sample) = simulator(clock)
        var statuses: [Int] = []
        for index in 0..<clones {
            let body = #"{"iTwinId":"\#(sample.targetITwinId)","name":"Copy \#(index)"}"#
            let request = HTTPRequest(
                method: .post, url: URL(string: "https://api.bentley.com/imodels/\(sample.bridgeIModelId)/clone")!,
                headers: [
                    "Authorization": "Bearer \(sample.accessToken)",
                    "Accept": "application/vnd.bentley.itwin-platform.v2+json", "Content-Type": "application/json",
                ],
                body: Data(body.utf8))
            statuses.append(try await simulator.send(request).status)
        }
        return Outcome(
            succeeded: statuses.filter { $0 == 202 }.count, tooMany: statuses.filter { $0 == 429 }.count, seconds: 0)
    }
}
