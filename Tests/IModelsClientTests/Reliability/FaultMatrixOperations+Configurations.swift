import Foundation
import IModelsTesting
import Testing

@testable import IModelsClient

/// The fault-matrix operations of the configuration types, the run filters and the reports.
///
/// `downloadReport` is faulted on the storage origin's path: it is a GET outside the API pipeline (no token, no
/// decoding: it returns the bytes) but retried as API reads are, so the matrix's rules for a retry-safe read apply;
/// a body fault changes the bytes, which the download returns as they came.
extension FaultMatrixTests {
    /// A run of an ImportIModel configuration that has finished (it has a report).
    private static let finishedRun: @Sendable (SimulatorFixture<MatrixSeeds>) async throws -> Prepared = { world in
        let configuration = try await world.client.transformations.createImportIModelConfiguration(
            world.importRequest())
        let run = try await world.client.transformations.run(configurationId: configuration.id)
        _ = try await world.client.transformations.waitUntilFinished(run.id, timeout: .seconds(3600))
        return Prepared(configuration: configuration.id, run: run.id)
    }

    static let configurationsOperations: [Operation] = [
        Operation(
            name: "transformations.createConfiguration (FilterIModel)", method: .post,
            path: "/transformations/configurations/filterimodel", retrySafe: true, looksUp: true,
            creates: Creates(configurations: 1),
            run: { world, _ in
                let configuration = try await world.client.transformations.createConfiguration(
                    ConfigurationRequest(
                        transformName: "Filter", sourceProjectId: world.iTwin, sourceIModelId: world.source,
                        targetProjectId: world.iTwin, targetIModelId: world.target, comment: "Filter",
                        parameters: FilterIModelParameters(ecSql: "SELECT ECInstanceId FROM bis.Element")))
                try #require(world.simulator.configurationIds == [configuration.id], "not the new configuration")
            }),
        Operation(
            name: "transformations.createConfiguration(type:) (CombinePhysicalModels)", method: .post,
            path: "/transformations/configurations/combinephysicalmodels", retrySafe: true, looksUp: true,
            creates: Creates(configurations: 1),
            run: { world, _ in
                let configuration = try await world.client.transformations.createConfiguration(
                    type: .combinePhysicalModels, transformName: "Combine", sourceProjectId: world.iTwin,
                    sourceIModelId: world.source, targetProjectId: world.iTwin, targetIModelId: world.target,
                    comment: "Combine", transformParameters: .object(["numberOfModels": .number(5)]))
                try #require(world.simulator.configurationIds == [configuration.id], "not the new configuration")
            }),
        Operation(
            name: "transformations.transformations(of:status:orderBy:)", method: .get, path: "/transformations",
            retrySafe: true, repeats: true,
            prepare: { world in
                var prepared = try await finishedRun(world)
                for _ in 1...2 {
                    prepared.run = try await world.client.transformations.run(
                        configurationId: prepared.configuration, enableQueueing: true
                    ).id
                }
                return prepared
            },
            run: { world, prepared in
                let runs = try await world.client.transformations.transformations(
                    of: prepared.configuration, orderBy: .createdDateTimeDescending
                ).collect()
                try #require(runs.count == 3, "paging found \(runs.count) of 3 runs")
                try #require(runs.first?.id == prepared.run, "not newest first")
            }),
        Operation(
            name: "transformations.reports(of:)", method: .get, path: "/transformations/reports", retrySafe: true,
            prepare: finishedRun,
            run: { world, prepared in
                let reports = try await world.client.transformations.reports(of: prepared.run)
                try #require(reports.count == 1, "found \(reports.count) reports")
            }),
        Operation(
            name: "transformations.downloadReport", method: .get, path: "/reports/*/report.json", retrySafe: true,
            sendsToken: false, prepare: finishedRun,
            run: { world, prepared in
                let report = try #require(try await world.client.transformations.reports(of: prepared.run).first)
                _ = try await world.client.transformations.downloadReport(report)
                let downloads = world.simulator.reportDownloads
                try #require(
                    !downloads.isEmpty && downloads.allSatisfy { !$0.carriedAuthorization }, "a token went to storage")
            }),
    ]
}
