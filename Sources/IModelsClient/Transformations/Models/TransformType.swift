/// The kind of a transformation configuration (`transformType`), as an open set: new kinds appear over time.
public struct TransformType: OpenStringValue {
    /// The type as the server spelled it.
    public let rawValue: String

    /// Creates a type from its wire spelling.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Imports a whole iModel, or the data of one repository, into a target iModel.
    public static let importIModel: TransformType = "ImportIModel"
    /// Merges a fork into its main iModel (or the main iModel into a fork).
    public static let mergeIModel: TransformType = "MergeIModel"
    /// Gives every element of an iModel that has none a FederationGuid.
    public static let populateFederationGuids: TransformType = "PopulateFederationGuids"
    /// Filters the source by an ECSQL query (``FilterIModelParameters``).
    public static let filterIModel: TransformType = "FilterIModel"
    /// Filters the source by a view's models and categories (``FilterByViewDefinitionParameters``).
    public static let filterByViewDefinition: TransformType = "FilterByViewDefinition"
    /// Filters out the data of named sub-categories (``FilterSubCategoriesParameters``).
    public static let filterSubCategories: TransformType = "FilterSubCategories"
    /// Filters the geometric data by a saved view (``FilterBySavedViewParameters``; Technology Preview).
    public static let filterBySavedView: TransformType = "FilterBySavedView"
    /// Combines the source with more iModels (``CombineIModelsParameters``).
    public static let combineIModels: TransformType = "CombineIModels"
    /// Combines physical models into a number of models (``CombinePhysicalModelsParameters``).
    public static let combinePhysicalModels: TransformType = "CombinePhysicalModels"
    /// Combines the physical models queries select into named models (``CombinePhysicalModelsV2Parameters``).
    public static let combinePhysicalModelsV2: TransformType = "CombinePhysicalModelsV2"
    /// Optimises schemas and remaps data (``AlignIModelDataParameters``).
    public static let alignIModelData: TransformType = "AlignIModelData"
}
