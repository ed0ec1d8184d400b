import Foundation

/// One run of a transformation configuration (`{"transformation": {…}}`).
public struct Transformation: Sendable, Hashable, Codable, Identifiable {
    /// The `_links` of a run.
    public struct Links: Sendable, Hashable, Codable {
        /// The configuration the run belongs to.
        public var configuration: Link?

        /// Creates links.
        public init(configuration: Link? = nil) { self.configuration = configuration }
    }

    /// The run's id.
    public var id: String
    /// The run's status.
    public var status: TransformationStatus
    /// The error message of a failed run (empty or `nil` otherwise).
    public var errorMessage: String?
    /// The error code of a failed run; the service sends a number or a string, kept here as text.
    public var errorCode: String?
    /// Elements processed so far.
    public var processedElementCount: Int?
    /// Elements to process in all.
    public var totalElementCount: Int?
    /// When the run was created.
    public var createdDateTime: Date?
    /// When processing started.
    public var startedDateTime: Date?
    /// When the run ended.
    public var finishedDateTime: Date?
    /// The source changeset the run processed up to.
    public var sourceChangeSetId: String?
    /// The last changeset the run pushed to the target.
    public var lastTargetChangesetPushed: String?
    /// Links to related resources.
    public var links: Links?

    /// Creates a run.
    public init(
        id: String,
        status: TransformationStatus,
        errorMessage: String? = nil,
        errorCode: String? = nil,
        processedElementCount: Int? = nil,
        totalElementCount: Int? = nil,
        createdDateTime: Date? = nil,
        startedDateTime: Date? = nil,
        finishedDateTime: Date? = nil,
        sourceChangeSetId: String? = nil,
        lastTargetChangesetPushed: String? = nil,
        links: Links? = nil
    ) {
        self.id = id
        self.status = status
        self.errorMessage = errorMessage
        self.errorCode = errorCode
        self.processedElementCount = processedElementCount
        self.totalElementCount = totalElementCount
        self.createdDateTime = createdDateTime
        self.startedDateTime = startedDateTime
        self.finishedDateTime = finishedDateTime
        self.sourceChangeSetId = sourceChangeSetId
        self.lastTargetChangesetPushed = lastTargetChangesetPushed
        self.links = links
    }

    /// The configuration id, read from `_links.configuration`'s last path segment.
    public var configurationId: String? {
        guard let href = links?.configuration?.href, let url = URL(string: href) else { return nil }
        let last = url.lastPathComponent
        return last.isEmpty || last == "/" ? nil : last
    }

    /// `processedElementCount / totalElementCount` in 0...1, when both are known and the total is positive.
    public var progress: Double? {
        guard let processed = processedElementCount, let total = totalElementCount, total > 0 else { return nil }
        return min(1, max(0, Double(processed) / Double(total)))
    }

    private enum CodingKeys: String, CodingKey {
        case id, status, errorMessage, errorCode, processedElementCount, totalElementCount
        case createdDateTime, startedDateTime, finishedDateTime, sourceChangeSetId, lastTargetChangesetPushed
        case links = "_links"
    }

    /// Decodes a run; only `id` and `status` are required, and `errorCode` may be a number or a string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        status = try container.decode(TransformationStatus.self, forKey: .status)
        errorMessage = container.decodeLeniently(String.self, forKey: .errorMessage)
        if let text = container.decodeLeniently(String.self, forKey: .errorCode) {
            errorCode = text
        } else if let number = container.decodeLeniently(Int.self, forKey: .errorCode) {
            errorCode = String(number)
        } else {
            errorCode = nil
        }
        processedElementCount = container.decodeLeniently(Int.self, forKey: .processedElementCount)
        totalElementCount = container.decodeLeniently(Int.self, forKey: .totalElementCount)
        createdDateTime = container.decodeServiceDate(forKey: .createdDateTime)
        startedDateTime = container.decodeServiceDate(forKey: .startedDateTime)
        finishedDateTime = container.decodeServiceDate(forKey: .finishedDateTime)
        sourceChangeSetId = container.decodeLeniently(String.self, forKey: .sourceChangeSetId)
        lastTargetChangesetPushed = container.decodeLeniently(String.self, forKey: .lastTargetChangesetPushed)
        links = container.decodeLeniently(Links.self, forKey: .links)
    }

    /// Encodes the documented shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(errorMessage, forKey: .errorMessage)
        try container.encodeIfPresent(errorCode, forKey: .errorCode)
        try container.encodeIfPresent(processedElementCount, forKey: .processedElementCount)
        try container.encodeIfPresent(totalElementCount, forKey: .totalElementCount)
        try container.encodeServiceDate(createdDateTime, forKey: .createdDateTime)
        try container.encodeServiceDate(startedDateTime, forKey: .startedDateTime)
        try container.encodeServiceDate(finishedDateTime, forKey: .finishedDateTime)
        try container.encodeIfPresent(sourceChangeSetId, forKey: .sourceChangeSetId)
        try container.encodeIfPresent(lastTargetChangesetPushed, forKey: .lastTargetChangesetPushed)
        try container.encodeIfPresent(links, forKey: .links)
    }
}
