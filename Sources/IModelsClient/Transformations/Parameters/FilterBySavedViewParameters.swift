/// The parameters of a FilterBySavedView configuration (Technology Preview, added 2025-03-18): filters the geometric
/// data by a saved view of the Saved Views service; later runs follow the saved view's changes.
///
/// From the "Create FilterBySavedView configuration" page: `savedViewId` (required here: the filter has nothing else
/// to go by) and `viewMode` (default ``SavedViewMode/includeNewContent``).
///
/// ```swift
/// FilterBySavedViewParameters(savedViewId: savedView.id)
/// ```
public struct FilterBySavedViewParameters: ConfigurationParameters, Codable {
    /// `FilterBySavedView`.
    public static var transformType: TransformType { .filterBySavedView }

    /// The saved view's id.
    public var savedViewId: String
    /// The view mode; `nil` leaves the service's default (`IncludeNewContent`).
    public var viewMode: SavedViewMode?

    /// Creates the parameters.
    public init(savedViewId: String, viewMode: SavedViewMode? = nil) {
        self.savedViewId = savedViewId
        self.viewMode = viewMode
    }

    /// Refuses a blank `savedViewId` or a blank `viewMode`.
    public func validate() throws {
        try InputValidation.id(savedViewId, named: "savedViewId")
        if let viewMode { try InputValidation.required(viewMode.rawValue, named: "viewMode") }
    }
}
