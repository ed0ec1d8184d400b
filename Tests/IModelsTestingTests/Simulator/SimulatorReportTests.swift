import Foundation
import IModelsClient
import IModelsTesting
import Testing

/// Run list filters and reports: the `Status` and `OrderBy` query values, a report per finished run, and the report
/// storage on another origin with a signed, 20-minute link that refuses a token.
@Suite struct SimulatorReportTests {
    private func reports(_ bench: SimulatorFixture<TransformationsSeeds>, _ runId: String) async throws
        -> SimulatorAnswer
    {
        try await bench.send(.get, "/transformations/reports?transformationId=\(runId)")
    }

    private func downloadURL(_ answer: SimulatorAnswer) throws -> URL {
        let reports = try #require(answer.object?["reports"] as? [[String: Any]])
        let links = try #require(reports.first?["_links"] as? [String: Any])
        let download = try #require(links["download"] as? [String: Any])
        return try #require((download["href"] as? String).flatMap(URL.init(string:)))
    }

    private func fetch(_ bench: SimulatorFixture<TransformationsSeeds>, _ url: URL, token: String? = nil) async throws
        -> HTTPResponse
    {
        var headers: HTTPHeaders = [:]
        if let token { headers["Authorization"] = "Bearer \(token)" }
        return try await bench.simulator.send(HTTPRequest(method: .get, url: url, headers: headers))
    }

    @Test func aRunHasAReportOnceItHasFinished() async throws {
        let bench = SimulatorFixture.transformations()
        let run = try await bench.run(try await bench.createConfiguration())
        let early = try await reports(bench, run.id)
        #expect(early.status == 200)
        #expect((early.object?["reports"] as? [Any])?.isEmpty == true)
        bench.finishEverything()
        let done = try await reports(bench, run.id)
        let report = try #require((done.object?["reports"] as? [[String: Any]])?.first)
        #expect(report["transformationId"] as? String == run.id)
        #expect(report["configurationId"] as? String == run.configurationId)
        #expect(report["targetIModelId"] as? String == bench.target)
        let url = try downloadURL(done)
        #expect(url.scheme == "https")
        #expect(url.host == IModelsSimulator.reportStorageOrigin.host)
        #expect(url.host != "api.bentley.com")
        let content = try await fetch(bench, url)
        #expect(content.status == 200)
        let summary = try #require(try JSONSerialization.jsonObject(with: content.body) as? [String: Any])
        #expect(summary["status"] as? String == "Succeeded")
        #expect(bench.simulator.reportDownloads.map(\.carriedAuthorization) == [false])
    }

    @Test func unknownAndMissingRunsAreRefused() async throws {
        let bench = SimulatorFixture.transformations()
        let unknown = try await reports(bench, "nope")
        #expect(unknown.status == 404)
        #expect(unknown.error?.code == "TransformationNotFound")
        let missing = try await bench.send(.get, "/transformations/reports")
        #expect(missing.status == 422)
        #expect(missing.error?.target == "transformationId")
        let anonymous = try await bench.send(.get, "/transformations/reports?transformationId=x", token: nil)
        #expect(anonymous.status == 401)
    }

    @Test func theLinkExpiresAfterTwentyMinutesAndRefusesATokenOrAnEdit() async throws {
        let bench = SimulatorFixture.transformations()
        let run = try await bench.run(try await bench.createConfiguration())
        bench.finishEverything()
        let url = try downloadURL(try await reports(bench, run.id))
        #expect(try await fetch(bench, url, token: TransformationsSeeds.token).status == 400)
        let edited = try #require(URL(string: url.absoluteString.replacingOccurrences(of: "se=", with: "se=1")))
        #expect(try await fetch(bench, edited).status == 403)
        bench.clock.advance(by: .seconds(19 * 60))
        #expect(try await fetch(bench, url).status == 200)
        bench.clock.advance(by: .seconds(61))
        let expired = try await fetch(bench, url)
        #expect(expired.status == 403)
        #expect(String(decoding: expired.body, as: UTF8.self).contains("AuthenticationFailed"))
        #expect(bench.simulator.reportDownloads.map(\.carriedAuthorization) == [true, false, false, false])
        #expect(bench.simulator.reportDownloads.map(\.status) == [400, 403, 200, 403])
        #expect(IModelsSimulator.reportLinkLifetime == .seconds(1200))
    }

    @Test func seededContentIsServed() async throws {
        let bench = SimulatorFixture.transformations()
        let run = try await bench.run(try await bench.createConfiguration())
        bench.finishEverything()
        bench.simulator.setReportContent(Data("custom report".utf8), ofRun: run.id)
        let content = try await fetch(bench, try downloadURL(try await reports(bench, run.id)))
        #expect(String(decoding: content.body, as: UTF8.self) == "custom report")
        #expect(content.headers["Content-Length"] == "13")
    }

    @Test func runListFiltersByStatusAndOrders() async throws {
        let bench = SimulatorFixture.transformations()
        let configuration = try await bench.createConfiguration()
        let first = try await bench.run(configuration)
        bench.finishEverything()
        let second = try await bench.run(configuration)
        func ids(_ query: String) async throws -> [String] {
            let answer = try await bench.send(.get, "/transformations/?configurationId=\(configuration)\(query)")
            try #require(answer.status == 200, "\(answer.text)")
            return (answer.object?["transformations"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        }
        #expect(try await ids("") == [first.id, second.id])
        #expect(try await ids("&Status=Succeeded") == [first.id])
        #expect(try await ids("&Status=created") == [second.id])
        #expect(try await ids("&OrderBy=createdDateTime%20desc") == [second.id, first.id])
        #expect(try await ids("&OrderBy=createdDateTime%20asc&Status=Failed") == [])
        for bad in ["&Status=Queued", "&OrderBy=name"] {
            let answer = try await bench.send(.get, "/transformations/?configurationId=\(configuration)\(bad)")
            #expect(answer.status == 400)
            #expect(answer.error?.code == "InvalidTransformationsRequest")
            #expect(answer.error?.details?.first?.code == "InvalidValue")
        }
    }
}
