/// How an iModel's creation is going (`GET /imodels/{id}/operations/create`).
public struct CreateOperation: Sendable, Hashable, Codable {
    /// The state of the creation.
    public var state: CreateOperationState
    /// The source, when the iModel is a clone.
    public var clonedFrom: ClonedFrom?
    /// The main iModel, when the iModel is a fork.
    public var forkedFrom: ForkedFrom?

    /// Creates the value.
    public init(state: CreateOperationState, clonedFrom: ClonedFrom? = nil, forkedFrom: ForkedFrom? = nil) {
        self.state = state
        self.clonedFrom = clonedFrom
        self.forkedFrom = forkedFrom
    }

    private enum CodingKeys: String, CodingKey { case state, clonedFrom, forkedFrom }

    /// Decodes the value; `clonedFrom` and `forkedFrom` may be missing or null.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        state = try container.decode(CreateOperationState.self, forKey: .state)
        clonedFrom = container.decodeLeniently(ClonedFrom.self, forKey: .clonedFrom)
        forkedFrom = container.decodeLeniently(ForkedFrom.self, forKey: .forkedFrom)
    }

    /// Encodes the documented shape, with `null` for an absent source.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(state, forKey: .state)
        try container.encode(clonedFrom, forKey: .clonedFrom)
        try container.encode(forkedFrom, forKey: .forkedFrom)
    }

    /// The id of the iModel this one was cloned or forked from.
    public var sourceIModelId: String? { clonedFrom?.iModelId ?? forkedFrom?.iModelId }
}
