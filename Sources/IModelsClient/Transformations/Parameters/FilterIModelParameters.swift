/// The parameters of a FilterIModel configuration (GA): filters the source by an ECSQL query that selects
/// `ECInstanceId`s.
///
/// From the "Create FilterIModel configuration" page: `ecSql` selects the elements; `inclusive` `false` (the default)
/// filters the selected elements out, `true` keeps only the selected physical elements (their parents and parent
/// models stay); `includeChildren` (only with `inclusive` `true`) also keeps their child elements and models.
///
/// ```swift
/// FilterIModelParameters(ecSql: "SELECT ECInstanceId FROM bis.PhysicalElement WHERE UserLabel = 'Pier'", inclusive: true)
/// ```
///
/// Validation: `ecSql` must not be blank, and `includeChildren: true` needs `inclusive: true` (the page says it is
/// only applicable then; the SDK refuses rather than send a flag the service ignores).
public struct FilterIModelParameters: ConfigurationParameters, Codable {
    /// `FilterIModel`.
    public static var transformType: TransformType { .filterIModel }

    /// The ECSQL query selecting the `ECInstanceId`s of the elements to filter by.
    public var ecSql: String
    /// `true`: keep only the selected physical elements; `false` or `nil` (the default): filter the selected out.
    public var inclusive: Bool?
    /// With `inclusive`: also keep the child elements and models of the selected elements (default `false`).
    public var includeChildren: Bool?

    /// Creates the parameters.
    public init(ecSql: String, inclusive: Bool? = nil, includeChildren: Bool? = nil) {
        self.ecSql = ecSql
        self.inclusive = inclusive
        self.includeChildren = includeChildren
    }

    /// Refuses a blank `ecSql`, and `includeChildren: true` without `inclusive: true`.
    public func validate() throws {
        try InputValidation.required(ecSql, named: "ecSql")
        if includeChildren == true && inclusive != true {
            throw ITwinClientError.invalidRequest("includeChildren applies only when inclusive is true.")
        }
    }
}
