/// The state of a changeset's file (`changeset.state`).
public struct ChangesetState: OpenStringValue {
    /// The state as the server spelled it.
    public let rawValue: String

    /// Creates a state from its wire spelling.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The changeset was created but its file is not uploaded yet.
    public static let waitingForFile: ChangesetState = "waitingForFile"
    /// The changeset's file is uploaded.
    public static let fileUploaded: ChangesetState = "fileUploaded"
}
