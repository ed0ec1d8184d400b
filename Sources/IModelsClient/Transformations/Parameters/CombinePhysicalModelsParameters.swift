/// The parameters of a CombinePhysicalModels configuration (GA): combines the source's top-level physical models
/// into a given number of models, to make viewers faster.
///
/// From the "Create CombinePhysicalModels configuration" page: `numberOfModels` (the page recommends about 5 to 20)
/// and `simplifyGeometry` (optional, default `false`: turn parasolids into meshes). The SDK requires
/// `numberOfModels` ≥ 1.
///
/// ```swift
/// CombinePhysicalModelsParameters(numberOfModels: 10)
/// ```
public struct CombinePhysicalModelsParameters: ConfigurationParameters, Codable {
    /// `CombinePhysicalModels`.
    public static var transformType: TransformType { .combinePhysicalModels }

    /// How many models the source's physical models become.
    public var numberOfModels: Int
    /// Whether to simplify geometry (parasolids to meshes); `nil` is the default, `false`.
    public var simplifyGeometry: Bool?

    /// Creates the parameters.
    public init(numberOfModels: Int, simplifyGeometry: Bool? = nil) {
        self.numberOfModels = numberOfModels
        self.simplifyGeometry = simplifyGeometry
    }

    /// Refuses a `numberOfModels` below 1.
    public func validate() throws {
        guard numberOfModels >= 1 else {
            throw ITwinClientError.invalidRequest("numberOfModels must be at least 1 (it is \(numberOfModels)).")
        }
    }
}
