import Foundation
import IModelsClient
import IModelsTesting

/// Twenty clones at once on the Trial tier (5 clones a minute): the SDK with proactive limits, the SDK with only
/// the shared cooldown after a 429, and hand-written code that sends them all and does not retry a 429 (what the
/// official TypeScript client does). Virtual time.
enum RateLimitScenario {
    static let scenario = Scenario(name: "rate limits, 20 clones on Trial") {
        let proactive = try await measureSDK(rateLimits: .trial)
        let cooldown = try await measureSDK(rateLimits: .none)
        let naive = try await measureNaive()
        return "proactive: \(proactive.tooMany)×429, all \(proactive.succeeded) done at \(Int(proactive.seconds)) s; "
            + "cooldown only: \(cooldown.tooMany)×429, all \(cooldown.succeeded) done at \(Int(cooldown.seconds)) s; "
            + "no Retry-After handling: \(naive.succeeded) of 20 succeed, \(naive.tooMany) fail with 429"
    }

    private struct Outcome {
        var succeeded: Int
        var tooMany: Int
        var seconds: Double
    }

    private static func simulator(_ clock: VirtualClock) -> (IModelsSimulator, SimulatorSampleData) {
        let simulator = IModelsSimulator(clock: clock, options: SimulatorOptions(tier: .trial))
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
                for index in 0..<20 {
                    group.addTask {
                        _ = try await client.iModels.clone(
                            sample.bridgeIModelId, into: sample.targetITwinId, name: "Copy \(index)")
                    }
                }
                try await group.waitForAll()
                return 20
            }
        }
        let tooMany = simulator.requestLog.filter { $0.status == 429 }.count
        return Outcome(succeeded: succeeded, tooMany: tooMany, seconds: clock.now.timeIntervalSince(started))
    }

    private static func measureNaive() async throws -> Outcome {
        let clock = VirtualClock()
        let (simulator, sample) = simulator(clock)
        var statuses: [Int] = []
        for index in 0..<20 {
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
