import IModelsClient

/// Text lines that describe an iModel and its creation, shared by several results. Every value from the service is
/// made terminal-safe (``TerminalText/line(_:)``).
enum IModelSummary {
    static func rows(_ model: IModel?, operation: CreateOperation?) -> [(String, String)] {
        let rows = unsafeRows(model, operation: operation)
        return rows.map { ($0.0, TerminalText.line($0.1)) }
    }

    private static func unsafeRows(_ model: IModel?, operation: CreateOperation?) -> [(String, String)] {
        var rows: [(String, String)] = []
        if let model {
            rows.append(("iModel", "\(model.name)  \(model.id)"))
            if let iTwinId = model.iTwinId { rows.append(("iTwin", iTwinId)) }
            rows.append(("state", model.state?.rawValue ?? "-"))
            rows.append(("created", TextFormat.date(model.createdDateTime)))
            if let description = model.description, !description.isEmpty {
                rows.append(("description", description))
            }
        }
        if let operation {
            var creation = operation.state.rawValue
            if let cloned = operation.clonedFrom {
                creation += " (cloned from \(cloned.iModelId)" + upTo(cloned.changesetId) + ")"
            } else if let forked = operation.forkedFrom {
                creation += " (forked from \(forked.iModelId)" + upTo(forked.changesetId) + ")"
            }
            rows.append(("creation", creation))
        }
        return rows
    }

    private static func upTo(_ changesetId: String) -> String {
        changesetId.isEmpty ? ", baseline only" : " up to changeset \(changesetId)"
    }
}
