/// Names one changeset: by id, or by index.
public enum ChangesetReference: Sendable, Hashable {
    /// The changeset with this id.
    case id(String)
    /// The changeset with this index.
    case index(Int)
}
