/// The order of a run list (`OrderBy`), as an open set.
///
/// The v1 "Get all transformations" page lists `OrderBy` in its URL template
/// (`GET /transformations/?configurationId[&Status][&OrderBy][&$top][&$skip]`) but its readable text does not give the
/// values. The SDK sends the platform's `$orderBy` form, `property asc|desc`, on the documented run date
/// `createdDateTime` (**unconfirmed**: a wrong guess is one constant to correct). Another value can be given as a string
/// literal; `IModelsSimulator` (module `IModelsTesting`) accepts these two and refuses anything else with `400`.
public struct TransformationOrder: OpenStringValue {
    /// The value as sent.
    public let rawValue: String

    /// Creates an order from its wire spelling.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Oldest run first.
    public static let createdDateTime: TransformationOrder = "createdDateTime asc"
    /// Newest run first.
    public static let createdDateTimeDescending: TransformationOrder = "createdDateTime desc"
}
