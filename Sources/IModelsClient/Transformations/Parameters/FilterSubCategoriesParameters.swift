/// The parameters of a FilterSubCategories configuration (GA): filters out all the data of the named
/// sub-categories.
///
/// From the "Create FilterSubCategories configuration" page: `subCategoryNames`, an array of sub-category names. The
/// page gives no limit; the SDK requires at least one name and no blank one (a filter of nothing is a mistake).
///
/// ```swift
/// FilterSubCategoriesParameters(subCategoryNames: ["Hidden Lines", "Construction"])
/// ```
public struct FilterSubCategoriesParameters: ConfigurationParameters, Codable {
    /// `FilterSubCategories`.
    public static var transformType: TransformType { .filterSubCategories }

    /// The names of the sub-categories whose data is filtered out.
    public var subCategoryNames: [String]

    /// Creates the parameters.
    public init(subCategoryNames: [String]) { self.subCategoryNames = subCategoryNames }

    /// Refuses an empty list or a blank name.
    public func validate() throws {
        try InputValidation.nonEmptyList(subCategoryNames, named: "subCategoryNames")
    }
}
