import Foundation

/// A changeset of an iModel (`GET /imodels/{id}/changesets`).
///
/// Lists answer the minimal shape unless asked for the representation; a single changeset
/// (``IModelsAPI/changeset(_:of:)``) is always the full one, with ``application``, ``synchronizationInfo`` and the
/// `namedVersion`, `currentOrPrecedingCheckpoint` and `download` links. `id` and `index` are required when decoding;
/// every other field tolerates being missing or null.
public struct Changeset: Sendable, Hashable, Codable, Identifiable {
    /// The `_links` of a changeset.
    public struct Links: Sendable, Hashable, Codable {
        /// The changeset itself (`self`).
        public var selfLink: Link?
        /// The user who pushed it.
        public var creator: Link?
        /// The named version on it, if any.
        public var namedVersion: Link?
        /// The checkpoint at or before it.
        public var currentOrPrecedingCheckpoint: Link?
        /// Where to download the changeset file (cloud storage on another origin; `nil` without `imodels_read`).
        public var download: StorageLink?

        /// Creates links.
        public init(
            selfLink: Link? = nil, creator: Link? = nil, namedVersion: Link? = nil,
            currentOrPrecedingCheckpoint: Link? = nil, download: StorageLink? = nil
        ) {
            self.selfLink = selfLink
            self.creator = creator
            self.namedVersion = namedVersion
            self.currentOrPrecedingCheckpoint = currentOrPrecedingCheckpoint
            self.download = download
        }

        private enum CodingKeys: String, CodingKey {
            case selfLink = "self"
            case creator, namedVersion, currentOrPrecedingCheckpoint, download
        }
    }

    /// The application that pushed a changeset (`application`).
    public struct Application: Sendable, Hashable, Codable {
        /// The application's id.
        public var id: String?
        /// The application's name.
        public var name: String?

        /// Creates the value.
        public init(id: String?, name: String?) {
            self.id = id
            self.name = name
        }
    }

    /// The synchronization that created a changeset (`synchronizationInfo`).
    public struct SynchronizationInfo: Sendable, Hashable, Codable {
        /// The synchronization task's id.
        public var taskId: String?
        /// The files the synchronization processed.
        public var changedFiles: [String]?

        /// Creates the value.
        public init(taskId: String?, changedFiles: [String]?) {
            self.taskId = taskId
            self.changedFiles = changedFiles
        }
    }

    /// The changeset's id (40 hexadecimal characters).
    public var id: String
    /// The display name (the index as text).
    public var displayName: String?
    /// The description given when it was pushed.
    public var description: String?
    /// The index: increasing, not necessarily by one.
    public var index: Int
    /// The parent changeset's id (`""` for the first).
    public var parentId: String?
    /// The id of the user who pushed it.
    public var creatorId: String?
    /// When it was pushed.
    public var pushDateTime: Date?
    /// Whether its file is uploaded.
    public var state: ChangesetState?
    /// What kinds of change it holds, as bit flags (1 schema, 2 definition, 4 spatial, …).
    public var containingChanges: Int?
    /// The file size in bytes.
    public var fileSize: Int?
    /// The briefcase it was pushed from.
    public var briefcaseId: Int?
    /// The changeset group, if any.
    public var groupId: String?
    /// The application that pushed it (full representation only).
    public var application: Application?
    /// The synchronization that created it, if any (full representation only).
    public var synchronizationInfo: SynchronizationInfo?
    /// Links to related resources.
    public var links: Links?

    /// Creates a changeset value (for tests and the simulator).
    public init(
        id: String, index: Int, displayName: String? = nil, description: String? = nil, parentId: String? = nil,
        creatorId: String? = nil, pushDateTime: Date? = nil, state: ChangesetState? = .fileUploaded,
        containingChanges: Int? = 0, fileSize: Int? = nil, briefcaseId: Int? = nil, groupId: String? = nil,
        links: Links? = nil, application: Application? = nil, synchronizationInfo: SynchronizationInfo? = nil
    ) {
        self.id = id
        self.index = index
        self.displayName = displayName ?? String(index)
        self.description = description
        self.parentId = parentId
        self.creatorId = creatorId
        self.pushDateTime = pushDateTime
        self.state = state
        self.containingChanges = containingChanges
        self.fileSize = fileSize
        self.briefcaseId = briefcaseId
        self.groupId = groupId
        self.links = links
        self.application = application
        self.synchronizationInfo = synchronizationInfo
    }

    private enum CodingKeys: String, CodingKey {
        case id, displayName, description, index, parentId, creatorId, pushDateTime, state, containingChanges
        case fileSize, briefcaseId, groupId, application, synchronizationInfo
        case links = "_links"
    }

    /// Decodes a changeset; `id` and `index` are required.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        index = try container.decode(Int.self, forKey: .index)
        displayName = container.decodeLeniently(String.self, forKey: .displayName)
        description = container.decodeLeniently(String.self, forKey: .description)
        parentId = container.decodeLeniently(String.self, forKey: .parentId)
        creatorId = container.decodeLeniently(String.self, forKey: .creatorId)
        pushDateTime = container.decodeServiceDate(forKey: .pushDateTime)
        state = container.decodeLeniently(ChangesetState.self, forKey: .state)
        containingChanges = container.decodeLeniently(Int.self, forKey: .containingChanges)
        fileSize = container.decodeLeniently(Int.self, forKey: .fileSize)
        briefcaseId = container.decodeLeniently(Int.self, forKey: .briefcaseId)
        groupId = container.decodeLeniently(String.self, forKey: .groupId)
        application = container.decodeLeniently(Application.self, forKey: .application)
        synchronizationInfo = container.decodeLeniently(SynchronizationInfo.self, forKey: .synchronizationInfo)
        links = container.decodeLeniently(Links.self, forKey: .links)
    }

    /// Encodes the documented shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(displayName, forKey: .displayName)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encode(index, forKey: .index)
        try container.encodeIfPresent(parentId, forKey: .parentId)
        try container.encodeIfPresent(creatorId, forKey: .creatorId)
        try container.encodeServiceDate(pushDateTime, forKey: .pushDateTime)
        try container.encodeIfPresent(state, forKey: .state)
        try container.encodeIfPresent(containingChanges, forKey: .containingChanges)
        try container.encodeIfPresent(fileSize, forKey: .fileSize)
        try container.encodeIfPresent(briefcaseId, forKey: .briefcaseId)
        try container.encodeIfPresent(groupId, forKey: .groupId)
        try container.encodeIfPresent(application, forKey: .application)
        try container.encodeIfPresent(synchronizationInfo, forKey: .synchronizationInfo)
        try container.encodeIfPresent(links, forKey: .links)
    }
}
