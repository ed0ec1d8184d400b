import Foundation
import IModelsClient

/// An iTwin the simulator knows.
struct ITwinRecord {
    var id: String
    var name: String
}

/// An access token the simulator accepts, with its permissions.
struct TokenRecord {
    /// `false` for a token only named by `setPermissions` before (or without) `addAccessToken`.
    var isAccepted = true
    var permissions: Set<SimulatorPermission>
    var perITwin: [String: Set<SimulatorPermission>] = [:]
    var expiresAt: Date?

    func permissions(in iTwinId: String) -> Set<SimulatorPermission> {
        perITwin[iTwinId] ?? permissions
    }
}

/// One changeset of a simulated iModel.
struct ChangesetRecord {
    var id: String
    var index: Int
    var parentId: String
    var description: String
    var pushedAt: Date
    var fileSize: Int
    var briefcaseId: Int
    /// The application that pushed it (the full representation's `application`).
    var application: (id: String, name: String) = SimulatorState.seedApplication
}

/// Where a simulated iModel came from and how its creation goes; every state is computed from the clock.
struct CreationRecord {
    enum Origin {
        case seeded
        case empty
        case clone(sourceId: String, changesetId: String)
        case fork(mainId: String, changesetId: String, relationshipId: String)
    }

    var origin: Origin
    var initializedAt: Date?
    var completedAt: Date
    var outcome: String

    /// `initialized` once the creation got that far (never for a creation that fails).
    func iModelState(at now: Date) -> String {
        guard let initializedAt, now >= initializedAt else { return "notInitialized" }
        return "initialized"
    }

    /// `scheduled` until the creation completes, then its outcome.
    func operationState(at now: Date) -> String {
        now < completedAt ? "scheduled" : outcome
    }
}

/// An element subtree a transformation brought into an iModel: the Subject the ImportIModel transformation creates.
struct SubjectRecord {
    var codeValue: String
    var userLabel: String
    var elementCount: Int
    var importedBy: String
}

/// A simulated iModel.
struct IModelRecord {
    var id: String
    var iTwinId: String
    var name: String
    var description: String?
    var extent: IModelExtent?
    /// The `containersEnabled` bit mask the iModel was created with (0 none, 1 SchemaSync, 2 CodeStore, 4 ViewStore).
    var containersEnabled = 0
    /// `geographicCoordinateSystem.horizontalCRSId`, when the iModel was created with one.
    var horizontalCRSId: String?
    var createdAt: Date
    var changesets: [ChangesetRecord]
    var isMissingFederationGuids: Bool
    var elementCount: Int
    var creation: CreationRecord
    var subjects: [SubjectRecord] = []
    var merges: [String] = []
    /// Named versions, in creation order (clones, forks and template copies start without any).
    var namedVersions: [NamedVersionRecord] = []
}

/// A fault waiting for matching requests.
struct FaultRule {
    var fault: SimulatorFault
    var method: HTTPMethod
    var path: PathPattern
    var remaining: Int
}
