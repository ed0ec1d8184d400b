/// The parts of the Transformations API v1 this SDK could not confirm from a readable public page, in one place so
/// they are easy to correct.
///
/// - ImportIModel is seed `004` exactly: path `configurations/importimodel`, six required fields, answer 201.
/// - MergeIModel and PopulateFederationGuids (closed preview): the same body without `transformParameters`; for
///   PopulateFederationGuids the iModel is both source and target.
/// - Running answers 201 or 202 (either is accepted), with `{"transformation": {…}}`.
/// - The run list is `GET /transformations/?configurationId=` with the collection key `transformations`; its filters
///   are sent as `Status` and `OrderBy` (the page's URL template), `OrderBy` as `createdDateTime asc|desc`
///   (``TransformationOrder``).
/// - Every other configuration type takes the same six fields plus `transformParameters`, at
///   `configurations/<type in lower case>` (the pages' paths). CombinePhysicalModelsV2's model-group members are sent
///   as `targetModelName` and `sourceModelsQuery` (``CombinePhysicalModelsV2Parameters/ModelGroup``).
/// - A run's reports (`GET /transformations/reports?transformationId=`) come as `{"reports": […]}`.
enum TransformationsContract {
    /// The path segment below `configurations` for each configuration kind.
    static func configurationPath(_ type: TransformType) -> String {
        type.rawValue.lowercased()
    }

    /// The collection key of the configuration list.
    static let configurationsKey = "configurations"
    /// The collection key of the run list.
    static let transformationsKey = "transformations"
}
