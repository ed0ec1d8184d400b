/// The type-specific parameters of a configuration (`transformParameters`), decoded by ``TransformType``.
public enum TransformParameters: Sendable, Hashable {
    /// No parameters: an ImportIModel of the whole iModel, a MergeIModel, a PopulateFederationGuids.
    case none
    /// ImportIModel of the data of some repositories (RepositoryLink federation GUIDs; the service allows one).
    case importIModel(fedGuidsOfRepositoriesToExport: [String])
    /// FilterIModel.
    case filterIModel(FilterIModelParameters)
    /// FilterByViewDefinition.
    case filterByViewDefinition(FilterByViewDefinitionParameters)
    /// FilterSubCategories.
    case filterSubCategories(FilterSubCategoriesParameters)
    /// FilterBySavedView.
    case filterBySavedView(FilterBySavedViewParameters)
    /// CombineIModels.
    case combineIModels(CombineIModelsParameters)
    /// CombinePhysicalModels.
    case combinePhysicalModels(CombinePhysicalModelsParameters)
    /// CombinePhysicalModelsV2.
    case combinePhysicalModelsV2(CombinePhysicalModelsV2Parameters)
    /// AlignIModelData.
    case alignIModelData(AlignIModelDataParameters)
    /// A type this SDK does not model, or a modelled type whose parameters did not have the documented shape, with its
    /// raw parameters kept.
    case unknown(JSONValue)
}
