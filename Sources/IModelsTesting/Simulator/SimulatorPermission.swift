/// A permission the simulator checks, named as the iTwin Platform names it.
public struct SimulatorPermission: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The platform's name, for example `"imodels_manage"`.
    public let rawValue: String

    /// Creates a permission from its platform name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Read iModel metadata, create operations and changesets.
    public static let webView = SimulatorPermission(rawValue: "imodels_webview")
    /// Read iModel content (the source of a transformation).
    public static let read = SimulatorPermission(rawValue: "imodels_read")
    /// Write iModel content (the target of a transformation).
    public static let write = SimulatorPermission(rawValue: "imodels_write")
    /// Create, clone and fork iModels.
    public static let manage = SimulatorPermission(rawValue: "imodels_manage")
    /// Delete iModels.
    public static let delete = SimulatorPermission(rawValue: "imodels_delete")

    /// Every permission above.
    public static let all: Set<SimulatorPermission> = [.webView, .read, .write, .manage, .delete]

    /// The platform name.
    public var description: String { rawValue }
}
