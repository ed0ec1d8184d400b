import Foundation

/// A named version of an iModel: a changeset (or the baseline) given a name
/// (`GET /imodels/{id}/namedversions/{namedVersionId}` → `{"namedVersion": {…}}`).
///
/// Fields as on the Get iModel Named Version details page: `id`, `displayName`, `name`, `description`,
/// `changesetId` (null for a version of the baseline), `changesetIndex` (0 for the baseline), `createdDateTime`,
/// `state`, `application` and `_links` (`creator`, `changeset`). The minimal shape of a list has only `id`,
/// `displayName`, `changesetId` and `changesetIndex`; ``name`` then falls back to the display name (the pages say the
/// two are the same). `id` and `changesetIndex` are required when decoding; every other field tolerates being
/// missing or null.
public struct NamedVersion: Sendable, Hashable, Codable, Identifiable {
    /// The `_links` of a named version.
    public struct Links: Sendable, Hashable, Codable {
        /// The user who created the named version.
        public var creator: Link?
        /// The changeset the named version is on (null for the baseline).
        public var changeset: Link?

        /// Creates links.
        public init(creator: Link? = nil, changeset: Link? = nil) {
            self.creator = creator
            self.changeset = changeset
        }
    }

    /// The named version's id.
    public var id: String
    /// The display name (the same as ``name``).
    public var displayName: String
    /// The name, unique within the iModel.
    public var name: String
    /// The description.
    public var description: String?
    /// The id of the changeset it names; `nil` (or empty) for a version of the baseline.
    public var changesetId: String?
    /// The index of the changeset it names; `0` for a version of the baseline.
    public var changesetIndex: Int
    /// When it was created.
    public var createdDateTime: Date?
    /// Whether applications show it in their lists.
    public var state: NamedVersionState?
    /// The application that created it.
    public var application: Changeset.Application?
    /// Links to related resources.
    public var links: Links?

    /// Whether it names the baseline (no changeset).
    public var isBaseline: Bool { changesetIndex == 0 || (changesetId ?? "").isEmpty }

    /// Creates a named version value (for tests and the simulator).
    public init(
        id: String, name: String, description: String? = nil, changesetId: String? = nil, changesetIndex: Int = 0,
        createdDateTime: Date? = nil, state: NamedVersionState? = .visible, application: Changeset.Application? = nil,
        links: Links? = nil, displayName: String? = nil
    ) {
        self.id = id
        self.displayName = displayName ?? name
        self.name = name
        self.description = description
        self.changesetId = changesetId
        self.changesetIndex = changesetIndex
        self.createdDateTime = createdDateTime
        self.state = state
        self.application = application
        self.links = links
    }

    private enum CodingKeys: String, CodingKey {
        case id, displayName, name, description, changesetId, changesetIndex, createdDateTime, state, application
        case links = "_links"
    }

    /// Decodes a named version; `id` and `changesetIndex` are required, and a name or a display name.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        changesetIndex = try container.decode(Int.self, forKey: .changesetIndex)
        let displayName = container.decodeLeniently(String.self, forKey: .displayName)
        let name = container.decodeLeniently(String.self, forKey: .name)
        guard let anyName = name ?? displayName else {
            throw DecodingError.keyNotFound(
                CodingKeys.name,
                .init(
                    codingPath: container.codingPath, debugDescription: "A named version needs a name or a displayName."
                ))
        }
        self.name = anyName
        self.displayName = displayName ?? anyName
        description = container.decodeLeniently(String.self, forKey: .description)
        changesetId = container.decodeLeniently(String.self, forKey: .changesetId)
        createdDateTime = container.decodeServiceDate(forKey: .createdDateTime)
        state = container.decodeLeniently(NamedVersionState.self, forKey: .state)
        application = container.decodeLeniently(Changeset.Application.self, forKey: .application)
        links = container.decodeLeniently(Links.self, forKey: .links)
    }

    /// Encodes the documented shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(displayName, forKey: .displayName)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(changesetId, forKey: .changesetId)
        try container.encode(changesetIndex, forKey: .changesetIndex)
        try container.encodeServiceDate(createdDateTime, forKey: .createdDateTime)
        try container.encodeIfPresent(state, forKey: .state)
        try container.encodeIfPresent(application, forKey: .application)
        try container.encodeIfPresent(links, forKey: .links)
    }
}
