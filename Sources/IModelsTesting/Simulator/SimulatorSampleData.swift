/// The ids of the sample iTwins and iModels that ``IModelsSimulator/addSampleData()`` seeds, for demos, the
/// `imodels` example tool and quick experiments.
public struct SimulatorSampleData: Sendable, Hashable {
    /// The access token the sample accepts (every permission in every iTwin).
    public var accessToken: String
    /// "Sample Bridges": the iTwin holding the sample iModels.
    public var iTwinId: String
    /// "Sample Copies": an empty iTwin to clone, fork and import into.
    public var targetITwinId: String
    /// "Bridge": 12 changesets, 4,000 elements.
    public var bridgeIModelId: String
    /// "Campus": 3 changesets, 1,500 elements.
    public var campusIModelId: String
    /// "Plant (legacy)": 5 changesets; its elements lack FederationGuids, so a fork of it needs
    /// PopulateFederationGuids first.
    public var legacyPlantIModelId: String
}

extension IModelsSimulator {
    /// The token ``addSampleData()`` accepts.
    static let sampleAccessToken = "simulator-sample-token"

    /// Seeds two iTwins, three iModels and an access token (see ``SimulatorSampleData``) with fixed ids, and returns
    /// them.
    @discardableResult
    public func addSampleData() -> SimulatorSampleData {
        let sample = SimulatorSampleData(
            accessToken: Self.sampleAccessToken,
            iTwinId: "5f1c2e7a-0b3d-4c8e-9a61-2d4f6b8c0e12",
            targetITwinId: "8a3b5c7d-1e2f-4a6b-8c9d-0e1f2a3b4c5d",
            bridgeIModelId: "b71d0c2e-4f6a-4b8c-9d0e-1f2a3b4c5d6e",
            campusIModelId: "c4a9e1f3-5b7d-4e9f-a1b3-c5d7e9f1a3b5",
            legacyPlantIModelId: "d2e4f6a8-b0c2-4d4e-8f6a-b8c0d2e4f6a8")
        addITwin(sample.iTwinId, name: "Sample Bridges")
        addITwin(sample.targetITwinId, name: "Sample Copies")
        addAccessToken(sample.accessToken)
        addIModel(
            SimulatorIModelSeed(
                id: sample.bridgeIModelId, iTwinId: sample.iTwinId, name: "Bridge",
                description: "A sample bridge with 12 changesets", changesetCount: 12, elementCount: 4_000))
        addIModel(
            SimulatorIModelSeed(
                id: sample.campusIModelId, iTwinId: sample.iTwinId, name: "Campus",
                description: "A sample campus with 3 changesets", changesetCount: 3, elementCount: 1_500))
        addIModel(
            SimulatorIModelSeed(
                id: sample.legacyPlantIModelId, iTwinId: sample.iTwinId, name: "Plant (legacy)",
                description: "Elements without FederationGuids", changesetCount: 5, isMissingFederationGuids: true,
                elementCount: 2_000))
        return sample
    }
}
