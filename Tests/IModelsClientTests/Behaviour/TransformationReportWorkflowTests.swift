import Foundation
import IModelsTesting
import Testing

@testable import IModelsClient

/// The new configuration types, run filters and reports end to end against the simulator, in virtual time.
@Suite struct TransformationReportWorkflowTests {
    private func filterRequest(_ bench: SimulatorFixture<WorkflowSeeds>) -> ConfigurationRequest<FilterIModelParameters>
    {
        ConfigurationRequest(
            transformName: "Piers only", sourceProjectId: bench.iTwin, sourceIModelId: bench.source,
            targetProjectId: bench.iTwin, targetIModelId: bench.target, comment: "Filtered",
            parameters: FilterIModelParameters(ecSql: "SELECT ECInstanceId FROM bis.PhysicalElement", inclusive: true))
    }

    @Test func aFilterRunsAndItsReportDownloadsWithoutTheToken() async throws {
        let bench = SimulatorFixture.workflow()
        let client = bench.client
        let request = filterRequest(bench)
        let (run, content) = try await bench.clock.run {
            let configuration = try await client.transformations.createConfiguration(request)
            #expect(configuration.parameters == .filterIModel(request.parameters))
            let started = try await client.transformations.run(configurationId: configuration.id)
            let run = try await client.transformations.waitUntilFinished(started.id, timeout: .seconds(3600))
            let report = try #require(try await client.transformations.reports(of: run.id).first)
            #expect(report.transformationId == run.id && report.targetIModelId == bench.target)
            return (run, try await client.transformations.downloadReport(report))
        }
        #expect(run.status == .succeeded)
        let summary = try #require(try JSONSerialization.jsonObject(with: content) as? [String: Any])
        #expect(summary["transformationId"] as? String == run.id)
        #expect(summary["status"] as? String == "Succeeded")
        #expect(bench.simulator.changesets(of: bench.target).last?.description == "Filtered")
        // The token went to the API only; the storage origin saw one request, without it.
        let downloads = bench.simulator.reportDownloads
        #expect(downloads.count == 1 && downloads.allSatisfy { !$0.carriedAuthorization && $0.status == 200 })
        let storage = IModelsSimulator.reportStorageOrigin.host
        for entry in bench.simulator.requestLog {
            let authorized = entry.request.headers["Authorization"] != nil
            #expect(authorized == (entry.request.url.host != storage), "\(entry.request.url)")
        }
    }

    @Test func anExpiredLinkIsRefusedAndAFreshReportWorks() async throws {
        let bench = SimulatorFixture.workflow()
        let client = bench.client
        let request = filterRequest(bench)
        let report = try await bench.clock.run {
            let configuration = try await client.transformations.createConfiguration(request)
            let started = try await client.transformations.run(configurationId: configuration.id)
            _ = try await client.transformations.waitUntilFinished(started.id, timeout: .seconds(3600))
            return try #require(try await client.transformations.reports(of: started.id).first)
        }
        bench.clock.advance(by: .seconds(21 * 60))
        let error = await captureError { _ = try await client.transformations.downloadReport(report) }
        guard case .api(let api)? = error else {
            Issue.record("expected the storage's 403, got \(String(describing: error))")
            return
        }
        #expect(api.status == 403)
        let runId = try #require(report.transformationId)
        let fresh = try #require(try await client.transformations.reports(of: runId).first)
        #expect(!(try await client.transformations.downloadReport(fresh)).isEmpty)
    }

    @Test func aReportOverTheLimitStopsWithATypedError() async throws {
        let bench = SimulatorFixture.workflow()
        let client = bench.client
        let request = filterRequest(bench)
        let report = try await bench.clock.run {
            let configuration = try await client.transformations.createConfiguration(request)
            let started = try await client.transformations.run(configurationId: configuration.id)
            _ = try await client.transformations.waitUntilFinished(started.id, timeout: .seconds(3600))
            return try #require(try await client.transformations.reports(of: started.id).first)
        }
        bench.simulator.setReportContent(
            Data(repeating: 0x7B, count: 2048), ofRun: try #require(report.transformationId))
        let error = await captureError {
            _ = try await client.transformations.downloadReport(report, maximumSize: 1024)
        }
        guard case .transport(let failure)? = error else {
            Issue.record("expected responseTooLarge, got \(String(describing: error))")
            return
        }
        #expect(failure.kind == .responseTooLarge)
        #expect(try await client.transformations.downloadReport(report, maximumSize: 2048).count == 2048)
    }

    @Test func runFiltersAndTheGenericEntryPointWorkAgainstTheSimulator() async throws {
        let bench = SimulatorFixture.workflow()
        let client = bench.client
        let (iTwin, source, second, target) = (bench.iTwin, bench.source, bench.secondSource, bench.target)
        let (configuration, first, queued) = try await bench.clock.run {
            let configuration = try await client.transformations.createConfiguration(
                type: .combineIModels, transformName: "Bridge and tunnel", sourceProjectId: iTwin,
                sourceIModelId: source, targetProjectId: iTwin, targetIModelId: target, comment: "Combined",
                transformParameters: .object([
                    "iModels": .array([.object(["iModelId": .string(second), "projectId": .string(iTwin)])])
                ]))
            let first = try await client.transformations.run(configurationId: configuration.id)
            _ = try await client.transformations.waitUntilFinished(first.id, timeout: .seconds(3600))
            let queued = try await client.transformations.run(configurationId: configuration.id)
            return (configuration, first, queued)
        }
        #expect(
            configuration.parameters == .combineIModels(.init(iModels: [.init(iModelId: second, projectId: iTwin)])))
        let succeeded = try await client.transformations.transformations(of: configuration.id, status: .succeeded)
            .collect()
        #expect(succeeded.map(\.id) == [first.id])
        let newestFirst = try await client.transformations.transformations(
            of: configuration.id, orderBy: .createdDateTimeDescending
        ).collect()
        #expect(newestFirst.map(\.id) == [queued.id, first.id])
    }
}
