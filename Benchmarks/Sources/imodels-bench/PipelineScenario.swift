import Foundation
import IModelsClient
import IModelsTesting

/// What the request pipeline (URL building, auth, correlation id, rate-limit gate, retry loop, status mapping,
/// decoding) costs per call: 2,000 `iModel(_:)` calls through `ITwinClient` against 2,000 hand-built requests sent
/// to the same in-memory transport and decoded with `JSONSerialization`. Wall time, medians of 11 runs taken in turns.
enum PipelineScenario {
    static let scenario = Scenario(name: "pipeline overhead, 2,000 GET iModel") {
        let calls = 2_000
        let simulator = IModelsSimulator()
        let sample = simulator.addSampleData()
        let client = ITwinClient(
            configuration: Configuration(environment: .production), accessToken: { sample.accessToken },
            transport: simulator)
        let request = HTTPRequest(
            method: .get, url: URL(string: "https://api.bentley.com/imodels/\(sample.bridgeIModelId)")!,
            headers: [
                "Authorization": "Bearer \(sample.accessToken)",
                "Accept": "application/vnd.bentley.itwin-platform.v2+json",
            ])
        let (sdk, direct) = try await WallClock.interleavedMedians(
            repetitions: 11,
            {
                simulator.clearRequestLog()
                for _ in 0..<calls { _ = try await client.iModels.iModel(sample.bridgeIModelId) }
            },
            {
                simulator.clearRequestLog()
                for _ in 0..<calls {
                    let response = try await simulator.send(request)
                    _ = try JSONSerialization.jsonObject(with: response.body)
                }
            })
        let perCall = (sdk - direct) / Double(calls) * 1_000_000
        return
            "SDK \(format(sdk / Double(calls) * 1_000_000)) µs/call, hand-built \(format(direct / Double(calls) * 1_000_000)) µs/call "
            + "(\(format(sdk / direct))× the time; \(format(perCall)) µs of pipeline per call)"
    }
}
