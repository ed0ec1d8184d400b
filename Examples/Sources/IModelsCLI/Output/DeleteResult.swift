/// The result of `delete`: which iModel is gone.
public struct DeleteResult: Sendable, Encodable {
    /// The deleted iModel's id.
    public var iModelId: String
    /// Its name, as read before deleting it.
    public var name: String
    /// Always `true`: a command that did not delete fails instead.
    public var deleted = true

    /// Creates the result.
    public init(iModelId: String, name: String) {
        self.iModelId = iModelId
        self.name = name
    }

    /// `Deleted iModel "Bridge (cloning)" (3c2e…).`
    public var text: String {
        "Deleted iModel \"\(TerminalText.line(name))\" (\(TerminalText.line(iModelId)))."
    }
}
