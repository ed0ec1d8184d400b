import Foundation

/// The report of a transformation run (Technology Preview, `GET /transformations/reports?transformationId=`): where
/// its content can be downloaded.
///
/// The v1 "Get report" page's example:
/// `{"reports": [{"id", "transformationId", "configurationId", "targetIModelId", "_links": {"download": {"href"}}}]}`.
/// The download link is a time-limited storage URL on another origin (the example's `st`/`se` parameters are
/// 20 minutes apart); fetch it with ``TransformationsAPI/downloadReport(_:maximumSize:)``, which sends no token.
public struct TransformationReport: Sendable, Hashable, Codable, Identifiable {
    /// The `_links` of a report.
    public struct Links: Sendable, Hashable, Codable {
        /// The report content's time-limited storage URL.
        public var download: Link?

        /// Creates links.
        public init(download: Link? = nil) { self.download = download }
    }

    /// The report's id (an opaque string, not a GUID in the page's example).
    public var id: String
    /// The run the report is about.
    public var transformationId: String?
    /// The run's configuration.
    public var configurationId: String?
    /// The run's target iModel.
    public var targetIModelId: String?
    /// The download link.
    public var links: Links?

    /// Creates a report value (for tests and the simulator).
    public init(
        id: String, transformationId: String? = nil, configurationId: String? = nil, targetIModelId: String? = nil,
        links: Links? = nil
    ) {
        self.id = id
        self.transformationId = transformationId
        self.configurationId = configurationId
        self.targetIModelId = targetIModelId
        self.links = links
    }

    /// The download URL, when the report has one that parses.
    public var downloadURL: URL? { links?.download.flatMap { URL(string: $0.href) } }

    private enum CodingKeys: String, CodingKey {
        case id, transformationId, configurationId, targetIModelId
        case links = "_links"
    }

    /// Decodes a report; only `id` is required.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        transformationId = container.decodeLeniently(String.self, forKey: .transformationId)
        configurationId = container.decodeLeniently(String.self, forKey: .configurationId)
        targetIModelId = container.decodeLeniently(String.self, forKey: .targetIModelId)
        links = container.decodeLeniently(Links.self, forKey: .links)
    }

    /// Encodes the documented shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(transformationId, forKey: .transformationId)
        try container.encodeIfPresent(configurationId, forKey: .configurationId)
        try container.encodeIfPresent(targetIModelId, forKey: .targetIModelId)
        try container.encodeIfPresent(links, forKey: .links)
    }
}
