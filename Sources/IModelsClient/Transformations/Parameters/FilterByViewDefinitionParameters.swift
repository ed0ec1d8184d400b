/// The parameters of a FilterByViewDefinition configuration (GA): keeps the data a view shows (its models and
/// categories), as a viewer would draw it.
///
/// From the "Create FilterByViewDefinition configuration" page ("Configuration specific properties explained"):
/// `models`, `hiddenModels`, `categories`, `hiddenCategories` (ids), `neverDrawn` and `alwaysDrawn` (element ids),
/// `isAlwaysDrawnExclusive` (added 2024-07-03, default `false`), `subCategoryOvr` (per sub-category visibility) and
/// `clip` (shapes and planes; "this cannot be an empty object"). The clip's nested shape is long and geometric, so it
/// is kept as ``JSONValue`` (an object, sent as given).
///
/// The page does not mark required fields. The transformation "is filtering out all of the data not associated to
/// the models and categories specified", so the SDK requires `models` and `categories`, each with at least one id;
/// every other list may be left out; no list may hold a blank id; `clip` must be a non-empty object.
///
/// ```swift
/// FilterByViewDefinitionParameters(models: ["0x20000000001"], categories: ["0x2000000003c"])
/// ```
public struct FilterByViewDefinitionParameters: ConfigurationParameters, Codable {
    /// A sub-category's visibility override (`subCategoryOvr`).
    public struct SubCategoryOverride: Sendable, Hashable, Codable {
        /// The sub-category's id.
        public var subCategory: String
        /// `true`: geometry of this sub-category is left out of the target.
        public var invisible: Bool?

        /// Creates an override.
        public init(subCategory: String, invisible: Bool? = nil) {
            self.subCategory = subCategory
            self.invisible = invisible
        }
    }

    /// `FilterByViewDefinition`.
    public static var transformType: TransformType { .filterByViewDefinition }

    /// The ids of the view's visible models.
    public var models: [String]
    /// The ids of the view's hidden models.
    public var hiddenModels: [String]?
    /// The ids of the view's visible categories.
    public var categories: [String]
    /// The ids of the view's hidden categories.
    public var hiddenCategories: [String]?
    /// Element ids left out of the target.
    public var neverDrawn: [String]?
    /// Element ids always included in the target.
    public var alwaysDrawn: [String]?
    /// `true`: every element but those in ``alwaysDrawn`` is filtered out (default `false`).
    public var isAlwaysDrawnExclusive: Bool?
    /// Sub-category visibility overrides.
    public var subCategoryOvr: [SubCategoryOverride]?
    /// The clipping (`shapes`, `planes`), as the page describes it; a non-empty object.
    public var clip: JSONValue?

    /// Creates the parameters.
    public init(
        models: [String], categories: [String], hiddenModels: [String]? = nil, hiddenCategories: [String]? = nil,
        neverDrawn: [String]? = nil, alwaysDrawn: [String]? = nil, isAlwaysDrawnExclusive: Bool? = nil,
        subCategoryOvr: [SubCategoryOverride]? = nil, clip: JSONValue? = nil
    ) {
        self.models = models
        self.hiddenModels = hiddenModels
        self.categories = categories
        self.hiddenCategories = hiddenCategories
        self.neverDrawn = neverDrawn
        self.alwaysDrawn = alwaysDrawn
        self.isAlwaysDrawnExclusive = isAlwaysDrawnExclusive
        self.subCategoryOvr = subCategoryOvr
        self.clip = clip
    }

    /// Refuses empty `models` or `categories`, blank ids, and a `clip` that is not a non-empty object.
    public func validate() throws {
        try InputValidation.nonEmptyList(models, named: "models")
        try InputValidation.nonEmptyList(categories, named: "categories")
        try InputValidation.optionalList(hiddenModels, named: "hiddenModels")
        try InputValidation.optionalList(hiddenCategories, named: "hiddenCategories")
        try InputValidation.optionalList(neverDrawn, named: "neverDrawn")
        try InputValidation.optionalList(alwaysDrawn, named: "alwaysDrawn")
        try InputValidation.optionalList(subCategoryOvr?.map(\.subCategory), named: "subCategoryOvr.subCategory")
        if let clip {
            guard case .object(let members) = clip, !members.isEmpty else {
                throw ITwinClientError.invalidRequest("clip must be a non-empty object.")
            }
        }
    }
}
