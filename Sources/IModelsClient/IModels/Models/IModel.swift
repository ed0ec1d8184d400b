import Foundation

/// An iModel's details (`GET /imodels/{id}` → `{"iModel": {…}}`).
///
/// Only `id` is required when decoding; every other field tolerates being missing or null.
public struct IModel: Sendable, Hashable, Codable, Identifiable {
    /// The `_links` of an iModel.
    public struct Links: Sendable, Hashable, Codable {
        /// The user who created the iModel.
        public var creator: Link?
        /// The iModel's changesets.
        public var changesets: Link?
        /// The iModel's named versions.
        public var namedVersions: Link?
        /// Where to upload a baseline file (only during baseline creation).
        public var upload: Link?
        /// Where to confirm a baseline upload (only during baseline creation).
        public var complete: Link?

        /// Creates links.
        public init(
            creator: Link? = nil, changesets: Link? = nil, namedVersions: Link? = nil, upload: Link? = nil,
            complete: Link? = nil
        ) {
            self.creator = creator
            self.changesets = changesets
            self.namedVersions = namedVersions
            self.upload = upload
            self.complete = complete
        }
    }

    /// A geographic coordinate system.
    public struct GeographicCoordinateSystem: Sendable, Hashable, Codable {
        /// The horizontal CRS id, for example `EPSG:4326`.
        public var horizontalCRSId: String?

        /// Creates the value.
        public init(horizontalCRSId: String?) { self.horizontalCRSId = horizontalCRSId }
    }

    /// The iModel's id.
    public var id: String
    /// The display name (the same as ``name``).
    public var displayName: String
    /// The name, unique within the iTwin.
    public var name: String
    /// The description.
    public var description: String?
    /// `initialized` once the iModel can be used.
    public var state: IModelState?
    /// When the iModel was created.
    public var createdDateTime: Date?
    /// When the last changeset was pushed.
    public var lastChangesetPushDateTime: Date?
    /// The iTwin that holds the iModel.
    public var iTwinId: String?
    /// Whether iModel-level permissions are configured.
    public var isSecured: Bool?
    /// The geographic extent.
    public var extent: IModelExtent?
    /// The enabled containers as a bit mask (0 none, 1 SchemaSync, 2 CodeStore, 4 ViewStore).
    public var containersEnabled: Int?
    /// The data center, for example `East US`.
    public var dataCenterLocation: String?
    /// The geographic coordinate system.
    public var geographicCoordinateSystem: GeographicCoordinateSystem?
    /// Links to related resources.
    public var links: Links?

    /// Creates an iModel value (for tests and the simulator).
    public init(
        id: String, name: String, displayName: String? = nil, description: String? = nil,
        state: IModelState? = .initialized, createdDateTime: Date? = nil, lastChangesetPushDateTime: Date? = nil,
        iTwinId: String? = nil, isSecured: Bool? = false, extent: IModelExtent? = nil, containersEnabled: Int? = 0,
        dataCenterLocation: String? = nil, geographicCoordinateSystem: GeographicCoordinateSystem? = nil,
        links: Links? = nil
    ) {
        self.id = id
        self.name = name
        self.displayName = displayName ?? name
        self.description = description
        self.state = state
        self.createdDateTime = createdDateTime
        self.lastChangesetPushDateTime = lastChangesetPushDateTime
        self.iTwinId = iTwinId
        self.isSecured = isSecured
        self.extent = extent
        self.containersEnabled = containersEnabled
        self.dataCenterLocation = dataCenterLocation
        self.geographicCoordinateSystem = geographicCoordinateSystem
        self.links = links
    }

    private enum CodingKeys: String, CodingKey {
        case id, displayName, name, description, state, createdDateTime, lastChangesetPushDateTime, iTwinId
        case isSecured, extent, containersEnabled, dataCenterLocation, geographicCoordinateSystem
        case links = "_links"
    }

    /// Decodes an iModel; only `id` is required.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        let name = container.decodeLeniently(String.self, forKey: .name)
        let displayName = container.decodeLeniently(String.self, forKey: .displayName)
        self.name = name ?? displayName ?? ""
        self.displayName = displayName ?? name ?? ""
        description = container.decodeLeniently(String.self, forKey: .description)
        state = container.decodeLeniently(IModelState.self, forKey: .state)
        createdDateTime = container.decodeServiceDate(forKey: .createdDateTime)
        lastChangesetPushDateTime = container.decodeServiceDate(forKey: .lastChangesetPushDateTime)
        iTwinId = container.decodeLeniently(String.self, forKey: .iTwinId)
        isSecured = container.decodeLeniently(Bool.self, forKey: .isSecured)
        extent = container.decodeLeniently(IModelExtent.self, forKey: .extent)
        containersEnabled = container.decodeLeniently(Int.self, forKey: .containersEnabled)
        dataCenterLocation = container.decodeLeniently(String.self, forKey: .dataCenterLocation)
        geographicCoordinateSystem = container.decodeLeniently(
            GeographicCoordinateSystem.self, forKey: .geographicCoordinateSystem)
        links = container.decodeLeniently(Links.self, forKey: .links)
    }

    /// Encodes the documented shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(displayName, forKey: .displayName)
        try container.encode(name, forKey: .name)
        try container.encode(description, forKey: .description)
        try container.encodeIfPresent(state, forKey: .state)
        try container.encodeServiceDate(createdDateTime, forKey: .createdDateTime)
        try container.encodeServiceDate(lastChangesetPushDateTime, forKey: .lastChangesetPushDateTime)
        try container.encodeIfPresent(iTwinId, forKey: .iTwinId)
        try container.encodeIfPresent(isSecured, forKey: .isSecured)
        try container.encode(extent, forKey: .extent)
        try container.encodeIfPresent(containersEnabled, forKey: .containersEnabled)
        try container.encodeIfPresent(dataCenterLocation, forKey: .dataCenterLocation)
        try container.encodeIfPresent(geographicCoordinateSystem, forKey: .geographicCoordinateSystem)
        try container.encodeIfPresent(links, forKey: .links)
    }
}
