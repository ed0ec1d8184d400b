import Foundation
import IModelsClient
import IModelsTesting
import Testing

/// Odd requests, odd seeding and odd options get answers, never a trap that would end the test process.
@Suite struct SimulatorRobustnessTests {
    @Test(arguments: [";", ",", " ; ", ""])
    func anAcceptHeaderWithoutAMediaTypeIs400(_ accept: String) async throws {
        let world = SimulatorFixture.bridges()
        let response = try await world.send(.get, "/imodels/\(world.source)", accept: accept)
        #expect(response.status == 400)
        #expect(try response.errorCode() == "InvalidHeaderValue")
    }

    // A continuation token is an id cursor now (see SimulatorFidelityTests); a hand-made offset token is not one the
    // simulator issued and is refused (SimulatorFidelityTests.aForgedContinuationTokenIs422), so only `$skip`, still a
    // plain offset, is tried with a huge value here.
    @Test(arguments: ["$skip=9223372036854775807", "$continuationToken=sim-6e6f2d73756368.9223372036854775807"])
    func aHugePageOffsetGivesAnEmptyLastPage(_ query: String) async throws {
        let world = SimulatorFixture.bridges()
        let url = try #require(URL(string: "\(productionOrigin)/imodels?iTwinId=\(world.iTwin)&\(query)"))
        let response = try await world.send(.get, url: url)
        #expect(response.status == 200)
        let object = try response.object()
        #expect((object["iModels"] as? [Any])?.isEmpty == true)
        #expect((object["_links"] as? [String: Any])?["next"] is NSNull)
    }

    @Test func optionsSetThroughThePropertyAreBroughtIntoRange() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.options.defaultPageSize = -1
        world.simulator.updateOptions {
            $0.initializationTime = .seconds(30)
            $0.completionTime = .seconds(5)
        }
        #expect(world.simulator.options.defaultPageSize == 1)
        #expect(world.simulator.options.completionTime == .seconds(30), "completion never before initialization")
        let response = try await world.send(.get, "/imodels", query: [("iTwinId", world.iTwin)])
        #expect(response.status == 200)
        #expect((try response.object()["iModels"] as? [Any])?.count == 1)
    }

    @Test func seedingAnIdAgainReplacesTheIModelInsteadOfListingItTwice() async throws {
        let world = SimulatorFixture.bridges()
        let id = world.simulator.addIModel(SimulatorIModelSeed(id: "twice", iTwinId: world.iTwin, name: "First"))
        world.simulator.addIModel(SimulatorIModelSeed(id: id, iTwinId: world.iTwin, name: "Second"))
        #expect(world.simulator.iModels(in: world.iTwin).filter { $0.id == id }.map(\.name) == ["Second"])
        let response = try await world.send(.get, "/imodels", query: [("iTwinId", world.iTwin)])
        let ids = (try response.object()["iModels"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(ids?.filter { $0 == id }.count == 1)
    }

    @Test func aBaseURLWithAPathPrefixIsServedAndLinkedUnderThatPrefix() async throws {
        let clock = VirtualClock()
        let simulator = IModelsSimulator(clock: clock)
        let sample = simulator.addSampleData()
        let base = try #require(URL(string: "https://gateway.example.com/bentley"))
        let client = ITwinClient(
            configuration: Configuration(environment: .custom(base), clock: clock),
            accessToken: { sample.accessToken }, transport: simulator)
        let creation = try await client.iModels.clone(sample.campusIModelId, into: sample.targetITwinId)
        #expect(
            creation.iModelURL?.absoluteString == "https://gateway.example.com/bentley/imodels/\(creation.iModelId)")
        let clone = try await clock.run { try await client.iModels.waitUntilCreated(creation.iModelId) }
        #expect(clone.links?.changesets?.href.hasPrefix("https://gateway.example.com/bentley/imodels/") == true)
        let changesets = try await client.iModels.changesets(of: clone.id, top: 1).collect()
        #expect(changesets.count == 3, "paging follows next links under the prefix")
    }
}

/// The simulator writes its dates arithmetically; a `DateFormatter` is the independent check.
@Suite struct SimulatorDateTests {
    static let instants: [TimeInterval] = [
        0, 1_767_225_600, 1_709_164_799.999, 951_782_400, -86_400 * 365.25 * 30, 4_102_444_800 - 1,
        1_234_567_890.123_456,
    ]

    private func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.dateFormat = format
        return formatter
    }

    @Test(arguments: instants)
    func theDateHeaderAndBodyDatesMatchAFormatter(_ instant: TimeInterval) async throws {
        let start = Date(timeIntervalSince1970: instant)
        let simulator = IModelsSimulator(clock: VirtualClock(start: start))
        let sample = simulator.addSampleData()
        let response = try await simulator.send(
            HTTPRequest(
                method: .post, url: URL(string: "https://api.bentley.com/imodels")!,
                headers: [
                    "Authorization": "Bearer \(sample.accessToken)",
                    "Accept": "application/vnd.bentley.itwin-platform.v2+json",
                ],
                body: Data(#"{"iTwinId":"\#(sample.iTwinId)","name":"Dated","creationMode":"empty"}"#.utf8)))
        #expect(response.status == 201)
        #expect(response.headers["Date"] == formatter("EEE, dd MMM yyyy HH:mm:ss 'GMT'").string(from: start))
        let object = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        let created = try #require((object["iModel"] as? [String: Any])?["createdDateTime"] as? String)
        let wholeSecond = Date(timeIntervalSince1970: instant.rounded(.down))
        #expect(created.hasPrefix(formatter("yyyy-MM-dd'T'HH:mm:ss").string(from: wholeSecond)))
        #expect(created.hasSuffix("Z") && created.count == 28)
    }
}
