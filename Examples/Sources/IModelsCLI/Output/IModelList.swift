import IModelsClient

/// The result of `list`: an iTwin's iModels, in full.
public struct IModelList: Sendable, Encodable {
    /// The iTwin.
    public var iTwinId: String
    /// The iModels, in the order asked for.
    public var iModels: [IModel]

    /// Creates the result.
    public init(iTwinId: String, iModels: [IModel]) {
        self.iTwinId = iTwinId
        self.iModels = iModels
    }

    /// A table: name, id, state, creation date.
    public var text: String {
        let iTwinId = TerminalText.line(iTwinId)
        guard !iModels.isEmpty else { return "No iModels (iTwin \(iTwinId))." }
        let rows = iModels.map { model in
            [
                TerminalText.line(model.name), TerminalText.line(model.id),
                TerminalText.line(model.state?.rawValue ?? "-"), TextFormat.date(model.createdDateTime),
            ]
        }
        let noun = iModels.count == 1 ? "iModel" : "iModels"
        return TextFormat.table(["NAME", "ID", "STATE", "CREATED"], rows)
            + "\n\(iModels.count) \(noun) in iTwin \(iTwinId)"
    }
}
