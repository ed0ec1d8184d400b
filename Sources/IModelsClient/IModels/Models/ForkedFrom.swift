/// Where a forked iModel came from (`createOperation.forkedFrom`).
public struct ForkedFrom: Sendable, Hashable, Codable {
    /// The main iModel's id.
    public var iModelId: String
    /// The last main-iModel changeset copied; `""` when only the baseline was copied.
    public var changesetId: String
    /// The id of the relationship entity that links the main iModel and the fork.
    public var relationshipId: String?

    /// Creates the value.
    public init(iModelId: String, changesetId: String = "", relationshipId: String? = nil) {
        self.iModelId = iModelId
        self.changesetId = changesetId
        self.relationshipId = relationshipId
    }

    private enum CodingKeys: String, CodingKey { case iModelId, changesetId, relationshipId }

    /// Decodes the value; a missing `changesetId` reads as `""`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        iModelId = try container.decode(String.self, forKey: .iModelId)
        changesetId = container.decodeLeniently(String.self, forKey: .changesetId) ?? ""
        relationshipId = container.decodeLeniently(String.self, forKey: .relationshipId)
    }
}
