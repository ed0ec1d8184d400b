import Foundation
import IModelsClient
import IModelsTesting

/// The built-in simulator the tool runs against when it has no token: the SDK's ``IModelsSimulator`` with its
/// sample data, in real time with short durations (a clone is initialized after 1 s and completed after 2.5 s; an
/// empty iModel is initialized after 0.5 s; a run spends 0.5 s `Created`, 0.5 s `Initializing`, then processes 2,000
/// elements a second), plus a little history (see ``SimulatorSamples``).
public struct SimulatorWorld: Sendable {
    /// The simulator (the client's transport).
    public let simulator: IModelsSimulator
    /// The sample data of the SDK: its token and fixed ids.
    public let sampleData: SimulatorSampleData
    /// Every id the tool seeded.
    public let samples: SimulatorSamples

    /// The durations the tool's simulator uses: short enough that `imodels demo` takes seconds.
    public static let options = SimulatorOptions(
        initializationTime: .seconds(1), completionTime: .milliseconds(2500),
        emptyIModelInitializationTime: .milliseconds(500), transformationPhaseTime: .milliseconds(500),
        transformationElementsPerSecond: 2000)

    /// How often the tool polls the simulator (the service itself is polled with the SDK's default policy).
    public static let pollingPolicy = PollingPolicy.fixed(.milliseconds(250))

    /// How far in the past the finished history is seeded.
    static let historyAge: TimeInterval = 120

    /// Creates a simulator and seeds it: the sample data, a finished import into "Import target" and three named
    /// versions of Bridge (two minutes ago), and, as of now, a clone of Bridge and an import of Bridge in progress.
    ///
    /// The two import targets are seeded as iModels that already exist (``IModelsSimulator/addIModel(_:)``) rather
    /// than created with `createIModel`, which waits until an empty iModel is initialized: every command would
    /// otherwise start with that wait. The simulator's time is that of `clock` (real time; tests pass a virtual one).
    public static func make(clock base: any ITwinClock = SystemClock()) async throws -> SimulatorWorld {
        let clock = SimulatorClock(base: base)
        let simulator = IModelsSimulator(clock: clock, options: options)
        let sample = simulator.addSampleData()
        let client = ITwinClient(
            configuration: Configuration(retryPolicy: .none), accessToken: { sample.accessToken },
            transport: simulator)

        clock.setOffset(-historyAge)
        let importTarget = simulator.addIModel(
            SimulatorIModelSeed(
                iTwinId: sample.targetITwinId, name: "Import target", description: "Campus was imported into it",
                elementCount: 0))
        let importConfiguration = try await client.transformations.createImportIModelConfiguration(
            ImportIModelConfigurationRequest(
                transformName: "Import Campus", sourceProjectId: sample.iTwinId,
                sourceIModelId: sample.campusIModelId, targetProjectId: sample.targetITwinId,
                targetIModelId: importTarget, comment: "Campus, imported by the sample history"))
        let finishedRun = try await client.transformations.run(configurationId: importConfiguration.id)
        let busyTarget = simulator.addIModel(
            SimulatorIModelSeed(
                iTwinId: sample.targetITwinId, name: "Bridge import target",
                description: "Bridge is being imported into it", elementCount: 0))
        let busyConfiguration = try await client.transformations.createImportIModelConfiguration(
            ImportIModelConfigurationRequest(
                transformName: "Import Bridge", sourceProjectId: sample.iTwinId,
                sourceIModelId: sample.bridgeIModelId, targetProjectId: sample.targetITwinId,
                targetIModelId: busyTarget, comment: "Bridge, imported by the sample history"))

        clock.setOffset(0)
        let cloneInProgress = try await client.iModels.clone(
            sample.bridgeIModelId, into: sample.targetITwinId, name: "Bridge (cloning)",
            description: "A clone started when the command started")
        let runInProgress = try await client.transformations.run(configurationId: busyConfiguration.id)
        let transformTarget = simulator.addIModel(
            SimulatorIModelSeed(
                iTwinId: sample.targetITwinId, name: "Transform target",
                description: "An empty iModel to transform into", elementCount: 0))
        simulator.setReportContent(sampleReport(run: finishedRun, source: sample.campusIModelId), ofRun: finishedRun.id)

        // Seeded last, so that the ids generated before keep their values; dated with the finished history.
        clock.setOffset(-historyAge)
        var bridgeVersions: [String] = []
        for (name, index, description) in SimulatorSamples.bridgeNamedVersions {
            bridgeVersions.append(
                simulator.addNamedVersion(
                    to: sample.bridgeIModelId, name: name, description: description, changesetIndex: index) ?? "")
        }
        clock.setOffset(0)
        simulator.clearRequestLog()

        return SimulatorWorld(
            simulator: simulator, sampleData: sample,
            samples: SimulatorSamples(
                iTwinId: sample.iTwinId, targetITwinId: sample.targetITwinId, bridgeIModelId: sample.bridgeIModelId,
                campusIModelId: sample.campusIModelId, legacyPlantIModelId: sample.legacyPlantIModelId,
                cloneInProgressIModelId: cloneInProgress.iModelId, importTargetIModelId: importTarget,
                importConfigurationId: importConfiguration.id, finishedRunId: finishedRun.id,
                busyTargetIModelId: busyTarget, busyConfigurationId: busyConfiguration.id,
                runInProgressId: runInProgress.id, transformTargetIModelId: transformTarget,
                releaseNamedVersionId: bridgeVersions[1]))
    }

    /// The content the sample finished run's report link serves. The API pages do not document a report's format; this
    /// is the simulator's own small JSON summary, marked as such.
    static func sampleReport(run: Transformation, source: String) -> Data {
        let report: JSONValue = .object([
            "simulator": .string("Sample report content of the imodels simulator; the service's format may differ."),
            "transformationId": .string(run.id),
            "configurationId": .string(run.configurationId ?? ""),
            "sourceIModelId": .string(source),
            "status": .string("Succeeded"),
            "elements": .object(["inserted": .number(1500), "updated": .number(0), "deleted": .number(0)]),
            "warnings": .array([
                .string("3 elements reference a category missing from the target; it was created.")
            ]),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(report)) ?? Data()
    }
}
