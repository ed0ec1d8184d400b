/// Where a cloned iModel came from (`createOperation.clonedFrom`).
public struct ClonedFrom: Sendable, Hashable, Codable {
    /// The source iModel's id.
    public var iModelId: String
    /// The last source changeset copied; `""` when only the baseline was copied.
    public var changesetId: String

    /// Creates the value.
    public init(iModelId: String, changesetId: String = "") {
        self.iModelId = iModelId
        self.changesetId = changesetId
    }

    private enum CodingKeys: String, CodingKey { case iModelId, changesetId }

    /// Decodes the value; a missing `changesetId` reads as `""`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        iModelId = try container.decode(String.self, forKey: .iModelId)
        changesetId = container.decodeLeniently(String.self, forKey: .changesetId) ?? ""
    }
}
