import IModelsClient

/// An iModel to put into the simulator before a test runs.
///
/// Seeded iModels exist at once, `initialized`, with `changesetCount` changesets numbered from 1.
public struct SimulatorIModelSeed: Sendable, Hashable {
    /// The id; `nil` lets the simulator choose one.
    public var id: String?
    /// The iTwin the iModel belongs to (added, named after its id, if ``IModelsSimulator/addITwin(_:name:)`` did not).
    public var iTwinId: String
    /// The name, unique within the iTwin.
    public var name: String
    /// The description.
    public var description: String?
    /// The geographic extent.
    public var extent: IModelExtent?
    /// How many changesets the iModel has (indexes 1 through `changesetCount`).
    public var changesetCount: Int
    /// Whether some elements lack a FederationGuid: forks then end in `mainIModelIsMissingFederationGuids` until a
    /// PopulateFederationGuids transformation has run on it (or ``IModelsSimulator/setMissingFederationGuids(_:for:)``).
    public var isMissingFederationGuids: Bool
    /// How many elements the iModel holds (what a transformation of it reports as `totalElementCount`).
    public var elementCount: Int

    /// Creates a seed.
    public init(
        id: String? = nil,
        iTwinId: String,
        name: String,
        description: String? = nil,
        extent: IModelExtent? = nil,
        changesetCount: Int = 0,
        isMissingFederationGuids: Bool = false,
        elementCount: Int = 1_000
    ) {
        self.id = id
        self.iTwinId = iTwinId
        self.name = name
        self.description = description
        self.extent = extent
        self.changesetCount = max(0, changesetCount)
        self.isMissingFederationGuids = isMissingFederationGuids
        self.elementCount = max(0, elementCount)
    }
}
