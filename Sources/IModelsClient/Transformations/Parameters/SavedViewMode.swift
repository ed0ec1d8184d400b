/// How a FilterBySavedView run treats content (`viewMode`), as an open set.
///
/// The "Create FilterBySavedView configuration" page names only the default, `IncludeNewContent`; any other value the
/// service documents later can be given as a string literal.
public struct SavedViewMode: OpenStringValue {
    /// The mode as the server spells it.
    public let rawValue: String

    /// Creates a mode from its wire spelling.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The default when `viewMode` is left out.
    public static let includeNewContent: SavedViewMode = "IncludeNewContent"
}
