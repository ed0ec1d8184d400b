/// What one side of an operation needs on an iModel, checked before the operation with
/// ``IModelsAPI/missingPermissions(for:on:)`` or ``IModelsAPI/requirePermissions(_:on:)``.
///
/// The requirements come from the API pages: clone and fork need `imodels_manage` at the source iModel's iTwin (and
/// at the target iTwin), and `imodels_webview` on the source iModel when it has iModel-level permissions; a
/// transformation needs `imodels_read` on the source and `imodels_write` on the target; updating an iModel needs
/// `imodels_manage`, deleting it `imodels_delete`.
///
/// A preflight reads `GET /imodels/{id}/permissions`, which answers for **one iModel**: the permissions configured on
/// that iModel, or the iTwin's when none are. It cannot speak for an iTwin that holds no iModel yet, so the target
/// iTwin of a clone or fork is not checked (the Access Control API's iTwin permissions would be the place). When the
/// iModel has iModel-level permissions (``IModel/isSecured``), the iTwin-level `imodels_manage` a copy needs is not
/// visible either: the preflight then checks ``requiredWhenSecured`` on the iModel. A preflight that passes makes a
/// refusal unlikely, not impossible; one that fails names what the service would refuse.
public struct PermissionPreflight: Sendable, Hashable {
    /// The operation, for messages: `"clone"`, `"fork"`, `"transformation"`, ….
    public var operation: String
    /// Which iModel of the operation is checked, for messages: `"source iModel"`, `"target iModel"`, ….
    public var role: String
    /// The permissions needed on the iModel.
    public var required: Set<IModelPermission>
    /// What is needed instead when the iModel has iModel-level permissions, or `nil` when it is the same.
    public var requiredWhenSecured: Set<IModelPermission>?

    /// Creates a preflight.
    public init(
        operation: String, role: String, required: Set<IModelPermission>,
        requiredWhenSecured: Set<IModelPermission>? = nil
    ) {
        self.operation = operation
        self.role = role
        self.required = required
        self.requiredWhenSecured = requiredWhenSecured
    }

    /// The source of a clone: `imodels_manage` (`imodels_webview` on an iModel with iModel-level permissions).
    public static let cloneSource = PermissionPreflight(
        operation: "clone", role: "source iModel", required: [.manage], requiredWhenSecured: [.webView])
    /// The main iModel of a fork: `imodels_manage` (`imodels_webview` on an iModel with iModel-level permissions).
    public static let forkSource = PermissionPreflight(
        operation: "fork", role: "main iModel", required: [.manage], requiredWhenSecured: [.webView])
    /// The source of a transformation: `imodels_read`.
    public static let transformationSource = PermissionPreflight(
        operation: "transformation", role: "source iModel", required: [.read])
    /// The target of a transformation: `imodels_write`.
    public static let transformationTarget = PermissionPreflight(
        operation: "transformation", role: "target iModel", required: [.write])
    /// The iModel of ``IModelsAPI/updateIModel(_:name:description:extent:)``: `imodels_manage`.
    public static let update = PermissionPreflight(operation: "update", role: "iModel", required: [.manage])
    /// The iModel of ``IModelsAPI/deleteIModel(_:)``: `imodels_delete` (an iTwin-level permission).
    public static let delete = PermissionPreflight(operation: "delete", role: "iModel", required: [.delete])
}
