import IModelsClient

/// The result of `changesets`: the listed changesets of an iModel.
public struct ChangesetList: Sendable, Encodable {
    /// The iModel.
    public var iModelId: String
    /// The changesets, in the order asked for.
    public var changesets: [Changeset]

    /// Creates the result.
    public init(iModelId: String, changesets: [Changeset]) {
        self.iModelId = iModelId
        self.changesets = changesets
    }

    /// A table: index, id, push time, description.
    public var text: String {
        let iModelId = TerminalText.line(iModelId)
        guard !changesets.isEmpty else { return "No changesets (iModel \(iModelId))." }
        let rows = changesets.map { changeset in
            [
                String(changeset.index), TerminalText.line(changeset.id), TextFormat.date(changeset.pushDateTime),
                TerminalText.line(changeset.description ?? ""),
            ]
        }
        let noun = changesets.count == 1 ? "changeset" : "changesets"
        return TextFormat.table(["INDEX", "ID", "PUSHED", "DESCRIPTION"], rows, rightAligned: [0])
            + "\n\(changesets.count) \(noun) of iModel \(iModelId)"
    }
}
