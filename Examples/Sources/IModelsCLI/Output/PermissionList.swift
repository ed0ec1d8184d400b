import IModelsClient

/// The result of `permissions`: what the caller may do on an iModel.
public struct PermissionList: Sendable, Encodable {
    /// The iModel.
    public var iModelId: String
    /// The permissions the service listed, sorted (unknown ones too, as the service spells them).
    public var permissions: [String]

    /// Creates the result.
    public init(iModelId: String, permissions: Set<IModelPermission>) {
        self.iModelId = iModelId
        self.permissions = permissions.map(\.rawValue).sorted()
    }

    /// What each documented permission allows, for the text.
    static let meanings: [(IModelPermission, String)] = [
        (.webView, "view it in a browser; read it, its changesets and named versions (list, info, status)"),
        (.read, "open it read-only; the source of a transformation (import)"),
        (.write, "change it; create named versions; the target of a transformation"),
        (.manage, "clone and fork it, update it, manage its access"),
        (.delete, "delete it (iTwin-level only)"),
    ]

    /// One line per documented permission (`yes`/`no` and what it allows), then any the tool does not know.
    public var text: String {
        let granted = Set(permissions.map { $0.lowercased() })
        var rows = Self.meanings.map { permission, meaning in
            [permission.rawValue, granted.contains(permission.rawValue) ? "yes" : "no", meaning]
        }
        let known = Set(Self.meanings.map { $0.0.rawValue })
        for other in permissions where !known.contains(other.lowercased()) {
            rows.append([TerminalText.line(other), "yes", "(not known to this tool)"])
        }
        return TextFormat.table(["PERMISSION", "GRANTED", "ALLOWS"], rows)
            + "\nThe caller's permissions on iModel \(TerminalText.line(iModelId)) (the iModel's own, or its iTwin's)"
    }
}
