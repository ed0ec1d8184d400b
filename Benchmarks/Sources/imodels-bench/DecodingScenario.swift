import Foundation
import IModelsClient
import IModelsTesting

/// What tolerant decoding costs: a page of 1,000 changesets decoded into the SDK's `Changeset` (lenient fields,
/// 7-digit fractional dates parsed) against a minimal hand-written `Decodable` that keeps dates as strings (a
/// plain `.iso8601` strategy cannot read the service's 7-digit fractions at all). Wall time, medians of 15 runs taken in turns.
enum DecodingScenario {
    static let scenario = Scenario(name: "decode 1,000 changesets") {
        let page = try await changesetPage()
        let decoder = JSONDecoder()
        var sdkCount = 0
        var plainCount = 0
        let (sdk, plain) = try await WallClock.interleavedMedians(
            repetitions: 15,
            { sdkCount = try decoder.decode(SDKPage.self, from: page).changesets.count },
            { plainCount = try decoder.decode(PlainPage.self, from: page).changesets.count })
        precondition(sdkCount == 1000 && plainCount == 1000, "the page must hold 1,000 changesets")
        return "SDK \(format(sdk * 1000)) ms, minimal Decodable \(format(plain * 1000)) ms "
            + "(\(format(sdk / plain))× the time, \(page.count / 1024) KiB page)"
    }

    private struct SDKPage: Decodable { var changesets: [Changeset] }

    private struct PlainPage: Decodable {
        struct PlainChangeset: Decodable {
            var id: String
            var displayName: String
            var description: String?
            var index: Int
            var parentId: String
            var creatorId: String
            var pushDateTime: String
            var state: String
            var containingChanges: Int
            var fileSize: Int
            var briefcaseId: Int
        }
        var changesets: [PlainChangeset]
    }

    private static func changesetPage() async throws -> Data {
        let simulator = IModelsSimulator()
        let iTwin = simulator.addITwin(name: "Bench")
        let iModel = simulator.addIModel(SimulatorIModelSeed(iTwinId: iTwin, name: "Big", changesetCount: 1000))
        simulator.addAccessToken("bench")
        let response = try await simulator.send(
            HTTPRequest(
                method: .get, url: URL(string: "https://api.bentley.com/imodels/\(iModel)/changesets?$top=1000")!,
                headers: ["Authorization": "Bearer bench", "Accept": "application/vnd.bentley.itwin-platform.v2+json"]))
        return response.body
    }
}
