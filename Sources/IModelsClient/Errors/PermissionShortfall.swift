/// What a permission preflight found missing: which side of which operation, on which iModel, what it needs there
/// and what the caller lacks (see ``IModelsAPI/requirePermissions(_:on:)``).
public struct PermissionShortfall: Sendable, Hashable, CustomStringConvertible {
    /// The preflight that failed (its operation and the role of the iModel checked).
    public var preflight: PermissionPreflight
    /// The iModel checked.
    public var iModelId: String
    /// What the preflight needs on this iModel (the secured set when the iModel has iModel-level permissions).
    public var required: Set<IModelPermission>
    /// What the caller lacks of ``required``; never empty.
    public var missing: Set<IModelPermission>

    /// Creates the value.
    public init(
        preflight: PermissionPreflight, iModelId: String, required: Set<IModelPermission>,
        missing: Set<IModelPermission>
    ) {
        self.preflight = preflight
        self.iModelId = iModelId
        self.required = required
        self.missing = missing
    }

    /// For example "clone needs imodels_manage on the source iModel 3f…; the caller lacks imodels_manage."
    public var description: String {
        let needed = required.map(\.rawValue).sorted().joined(separator: ", ")
        let lacking = missing.map(\.rawValue).sorted().joined(separator: ", ")
        return
            "\(preflight.operation) needs \(needed) on the \(preflight.role) \(iModelId); the caller lacks \(lacking)."
    }
}
