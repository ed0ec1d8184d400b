/// The ids of what the tool's simulator holds when a command starts: the SDK's sample data
/// (`IModelsSimulator.addSampleData()`), plus a little history seeded by the tool so that every subcommand has
/// something to work on.
///
/// The simulator starts fresh for every command, and its generated ids depend only on the order of the requests
/// that seeded it, so these ids are the same every time; what a command creates is gone when it ends.
public struct SimulatorSamples: Sendable, Hashable, Codable {
    /// "Sample Bridges": the iTwin that holds the sample iModels.
    public var iTwinId: String
    /// "Sample Copies": the iTwin to clone, fork and import into.
    public var targetITwinId: String
    /// "Bridge": 12 changesets, 4,000 elements.
    public var bridgeIModelId: String
    /// "Campus": 3 changesets, 1,500 elements.
    public var campusIModelId: String
    /// "Plant (legacy)": its elements lack FederationGuids, so forking it needs `--populate-federation-guids`.
    public var legacyPlantIModelId: String
    /// "Bridge (cloning)" in Sample Copies: a clone of Bridge started when the command starts (initialized after
    /// about 1 s, completed after 2.5 s), for `status` and `wait`.
    public var cloneInProgressIModelId: String
    /// "Import target" in Sample Copies: Campus was imported into it once.
    public var importTargetIModelId: String
    /// The ImportIModel configuration Campus → "Import target"; `run` runs it again (incrementally).
    public var importConfigurationId: String
    /// The configuration's first run, finished (`Succeeded`).
    public var finishedRunId: String
    /// "Bridge import target" in Sample Copies: the target of ``runInProgressId``.
    public var busyTargetIModelId: String
    /// The ImportIModel configuration Bridge → "Bridge import target".
    public var busyConfigurationId: String
    /// A run of ``busyConfigurationId`` started when the command starts (about 3 s long), for `transformation`
    /// (show, `--wait`, `--cancel`).
    public var runInProgressId: String
    /// "Transform target" in Sample Copies: an empty iModel, the default target of `transform`.
    public var transformTargetIModelId: String
    /// The named version "Release 1.0" of Bridge, on its changeset 8 (see ``bridgeNamedVersions``).
    public var releaseNamedVersionId: String

    /// The named versions seeded on Bridge: name, changeset index, description. `clone --named-version "Release 1.0"
    /// --copy-named-versions` copies the first two and skips the third (its changeset was not copied).
    public static let bridgeNamedVersions: [(name: String, changesetIndex: Int, description: String)] = [
        ("Design review", 4, "Reviewed with the client"),
        ("Release 1.0", 8, "The released design"),
        ("Release 1.1", 12, "Deck repairs"),
    ]

    /// The name of ``releaseNamedVersionId``.
    public static let releaseNamedVersionName = "Release 1.0"

    /// Creates the value.
    public init(
        iTwinId: String, targetITwinId: String, bridgeIModelId: String, campusIModelId: String,
        legacyPlantIModelId: String, cloneInProgressIModelId: String, importTargetIModelId: String,
        importConfigurationId: String, finishedRunId: String, busyTargetIModelId: String,
        busyConfigurationId: String, runInProgressId: String, transformTargetIModelId: String,
        releaseNamedVersionId: String = ""
    ) {
        self.iTwinId = iTwinId
        self.targetITwinId = targetITwinId
        self.bridgeIModelId = bridgeIModelId
        self.campusIModelId = campusIModelId
        self.legacyPlantIModelId = legacyPlantIModelId
        self.cloneInProgressIModelId = cloneInProgressIModelId
        self.importTargetIModelId = importTargetIModelId
        self.importConfigurationId = importConfigurationId
        self.finishedRunId = finishedRunId
        self.busyTargetIModelId = busyTargetIModelId
        self.busyConfigurationId = busyConfigurationId
        self.runInProgressId = runInProgressId
        self.transformTargetIModelId = transformTargetIModelId
        self.releaseNamedVersionId = releaseNamedVersionId
    }

    /// The sample ids, one per line with what each is, grouped by iTwin (what the tool prints on standard error
    /// when it runs on the simulator).
    public var listing: String {
        TextFormat.fields(
            [
                ("iTwin \"Sample Bridges\"", iTwinId),
                ("  iModel \"Bridge\" (12 changesets)", bridgeIModelId),
                ("    named version \"Release 1.0\" (changeset 8)", releaseNamedVersionId),
                ("  iModel \"Campus\" (3 changesets)", campusIModelId),
                ("  iModel \"Plant (legacy)\" (no FederationGuids)", legacyPlantIModelId),
                ("iTwin \"Sample Copies\"", targetITwinId),
                ("  iModel \"Bridge (cloning)\" (clone in progress)", cloneInProgressIModelId),
                ("  iModel \"Import target\" (Campus imported)", importTargetIModelId),
                ("  iModel \"Transform target\" (empty)", transformTargetIModelId),
                ("configuration \"Import Campus\"", importConfigurationId),
                ("  its run (Succeeded, with a report)", finishedRunId),
                ("configuration \"Import Bridge\"", busyConfigurationId),
                ("  its run (in progress)", runInProgressId),
            ]
        )
        .split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
    }

    /// Each sample iModel's id, with its name and the id of the iTwin that holds it.
    public var iModels: [(id: String, name: String, iTwinId: String)] {
        [
            (bridgeIModelId, "Bridge", iTwinId), (campusIModelId, "Campus", iTwinId),
            (legacyPlantIModelId, "Plant (legacy)", iTwinId),
            (cloneInProgressIModelId, "Bridge (cloning)", targetITwinId),
            (importTargetIModelId, "Import target", targetITwinId),
            (busyTargetIModelId, "Bridge import target", targetITwinId),
            (transformTargetIModelId, "Transform target", targetITwinId),
        ]
    }

    /// Every sample id: the iTwins, the iModels, the configurations and the runs.
    public var allIds: Set<String> {
        Set(iModels.map(\.id) + [iTwinId, targetITwinId, importConfigurationId, finishedRunId])
            .union([busyConfigurationId, runInProgressId, releaseNamedVersionId])
    }

    /// The name of a sample iTwin or iModel, quoted (`"Sample Bridges"`), or `nil` for any other id.
    public func quotedName(of id: String) -> String? {
        if id == iTwinId { return "\"Sample Bridges\"" }
        if id == targetITwinId { return "\"Sample Copies\"" }
        return iModels.first { $0.id == id }.map { "\"\($0.name)\"" }
    }
}
