/// An iModel as list operations return it by default (`Prefer: return=minimal`): id and display name.
public struct MinimalIModel: Sendable, Hashable, Codable, Identifiable {
    /// The iModel's id.
    public var id: String
    /// The display name (the iModel's name).
    public var displayName: String

    /// Creates the value.
    public init(id: String, displayName: String) {
        self.id = id
        self.displayName = displayName
    }

    private enum CodingKeys: String, CodingKey { case id, displayName, name }

    /// Decodes the value; `name` stands in for a missing `displayName`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        displayName =
            container.decodeLeniently(String.self, forKey: .displayName)
            ?? container.decodeLeniently(String.self, forKey: .name) ?? ""
    }

    /// Encodes `id` and `displayName`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(displayName, forKey: .displayName)
    }
}
