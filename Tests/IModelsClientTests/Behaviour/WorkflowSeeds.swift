import Foundation
import IModelsClient
import IModelsTesting

/// What the transformation workflow suites seed: a few iModels in one iTwin.
struct WorkflowSeeds: Sendable {
    let iTwin: String
    /// "Bridge", 3 changesets, 1,000 elements.
    let source: String
    /// "Tunnel", 1 changeset, 2,000 elements.
    let secondSource: String
    /// An empty target.
    let target: String
}

extension SimulatorFixture where World == WorkflowSeeds {
    /// A production client and the simulator on one virtual clock, with ``WorkflowSeeds``, whose runs process
    /// `elementsPerSecond` elements a second (the simulator's default is 500).
    static func workflow(elementsPerSecond: Int = 500) -> Self {
        SimulatorFixture(
            options: SimulatorOptions(transformationElementsPerSecond: elementsPerSecond),
            accessToken: "workflow-token", configuration: Configuration(environment: .production)
        ) { simulator in
            let iTwin = simulator.addITwin(name: "Bridges")
            let source = simulator.addIModel(
                SimulatorIModelSeed(iTwinId: iTwin, name: "Bridge", changesetCount: 3, elementCount: 1_000))
            let secondSource = simulator.addIModel(
                SimulatorIModelSeed(iTwinId: iTwin, name: "Tunnel", changesetCount: 1, elementCount: 2_000))
            let target = simulator.addIModel(SimulatorIModelSeed(iTwinId: iTwin, name: "Target", elementCount: 0))
            return WorkflowSeeds(iTwin: iTwin, source: source, secondSource: secondSource, target: target)
        }
    }

    /// An ImportIModel of `source` (by default "Bridge") into the target.
    func importRequest(from source: String? = nil) -> ImportIModelConfigurationRequest {
        ImportIModelConfigurationRequest(
            transformName: "Import", sourceProjectId: world.iTwin, sourceIModelId: source ?? world.source,
            targetProjectId: world.iTwin, targetIModelId: world.target, comment: "Imported")
    }

    /// Creates an ImportIModel configuration through the client.
    func configuration(from source: String? = nil) async throws -> String {
        try await client.transformations.createImportIModelConfiguration(importRequest(from: source)).id
    }

    /// The POSTs of runs (`POST /transformations/`) the simulator received.
    var runPosts: Int {
        simulator.requestLog.filter {
            $0.request.method == .post && $0.request.url.absoluteString == "https://api.bentley.com/transformations/"
        }.count
    }
}
