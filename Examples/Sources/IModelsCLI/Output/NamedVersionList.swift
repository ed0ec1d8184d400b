import IModelsClient

/// The result of `versions list`: an iModel's named versions.
public struct NamedVersionList: Sendable, Encodable {
    /// The iModel.
    public var iModelId: String
    /// The named versions, in the order asked for.
    public var namedVersions: [NamedVersion]

    /// Creates the result.
    public init(iModelId: String, namedVersions: [NamedVersion]) {
        self.iModelId = iModelId
        self.namedVersions = namedVersions
    }

    /// A table: changeset index, name, state, creation date, id, description.
    public var text: String {
        let iModelId = TerminalText.line(iModelId)
        guard !namedVersions.isEmpty else { return "No named versions (iModel \(iModelId))." }
        let rows = namedVersions.map { version in
            [
                String(version.changesetIndex), TerminalText.line(version.name),
                TerminalText.line(version.state?.rawValue ?? "-"), TextFormat.date(version.createdDateTime),
                TerminalText.line(version.id), TerminalText.line(version.description ?? ""),
            ]
        }
        let noun = namedVersions.count == 1 ? "named version" : "named versions"
        return TextFormat.table(["INDEX", "NAME", "STATE", "CREATED", "ID", "DESCRIPTION"], rows, rightAligned: [0])
            + "\n\(namedVersions.count) \(noun) of iModel \(iModelId)"
    }
}

/// The result of `versions create`: the named version the service created.
public struct NamedVersionResult: Sendable, Encodable {
    /// The iModel.
    public var iModelId: String
    /// The named version.
    public var namedVersion: NamedVersion

    /// Creates the result.
    public init(iModelId: String, namedVersion: NamedVersion) {
        self.iModelId = iModelId
        self.namedVersion = namedVersion
    }

    /// The result as text.
    public var text: String {
        let version = namedVersion
        var rows: [(String, String)] = [
            ("named version", "\(version.name)  \(version.id)"),
            ("iModel", iModelId),
            ("changeset", NamedVersionText.point(version)),
            ("state", version.state?.rawValue ?? "-"),
            ("created", TextFormat.date(version.createdDateTime)),
        ]
        if let description = version.description, !description.isEmpty { rows.append(("description", description)) }
        return TextFormat.fields(rows.map { ($0.0, TerminalText.line($0.1)) })
    }
}

/// Words for named versions, shared by the results.
enum NamedVersionText {
    /// `changeset 8 (14d7…)`, or `the baseline`.
    static func point(_ version: NamedVersion) -> String {
        if version.isBaseline { return "the baseline" }
        return "changeset \(version.changesetIndex) (\(version.changesetId ?? "-"))"
    }
}
