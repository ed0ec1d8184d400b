/// A permission the caller has on an iModel, as `GET /imodels/{id}/permissions` names it (`imodels_read`, …).
///
/// An open set: a permission the service adds later decodes too, with its wire spelling in `rawValue`. The Get iModel
/// Permissions page lists the five known values below.
public struct IModelPermission: OpenStringValue {
    /// The permission as the service spells it, for example `"imodels_manage"`.
    public let rawValue: String

    /// Creates a permission from its wire spelling.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `imodels_webview`: view the iModel in a web browser, without a local copy.
    public static let webView: IModelPermission = "imodels_webview"
    /// `imodels_read`: open and view the iModel read-only (what the source of a transformation needs).
    public static let read: IModelPermission = "imodels_read"
    /// `imodels_write`: change the iModel, create and modify named versions (what a transformation's target needs).
    public static let write: IModelPermission = "imodels_write"
    /// `imodels_manage`: create iModels, configure access per iModel, manage locks and local copies (what clone,
    /// fork and updating an iModel need).
    public static let manage: IModelPermission = "imodels_manage"
    /// `imodels_delete`: delete the iModel (an iTwin-level permission only).
    public static let delete: IModelPermission = "imodels_delete"

    /// The five permissions the API pages document.
    public static let known: [IModelPermission] = [.webView, .read, .write, .manage, .delete]
}
