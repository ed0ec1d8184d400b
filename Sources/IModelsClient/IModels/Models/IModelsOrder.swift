/// One key of the order of an iTwin's iModel list (`$orderBy` of `GET /imodels`): `name` or `createdDateTime`,
/// ascending or descending.
///
/// The Get iTwin iModels page documents `$orderBy` with these two properties; the service's default direction is
/// ascending. The SDK always writes the direction (`name asc`, `createdDateTime desc`) and joins several keys with a
/// comma, earlier keys first: `[.name, .createdDateTimeDescending]` sends `$orderBy=name asc,createdDateTime desc`.
public struct IModelsOrder: Sendable, Hashable, CustomStringConvertible {
    /// A property the iModel list can be ordered by.
    public enum Property: String, Sendable, Hashable, CaseIterable {
        /// The iModel's name.
        case name
        /// When the iModel was created.
        case createdDateTime
    }

    /// The property to order by.
    public var property: Property
    /// Whether the largest value comes first.
    public var descending: Bool

    /// Creates an order key.
    public init(_ property: Property, descending: Bool = false) {
        self.property = property
        self.descending = descending
    }

    /// By name, A to Z.
    public static let name = IModelsOrder(.name)
    /// By name, Z to A.
    public static let nameDescending = IModelsOrder(.name, descending: true)
    /// Oldest first (`createdDateTime asc`).
    public static let createdDateTime = IModelsOrder(.createdDateTime)
    /// Newest first (`createdDateTime desc`).
    public static let createdDateTimeDescending = IModelsOrder(.createdDateTime, descending: true)

    /// The clause as sent, for example `name desc`.
    public var description: String { "\(property.rawValue) \(descending ? "desc" : "asc")" }
}
