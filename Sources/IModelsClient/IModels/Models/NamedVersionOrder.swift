/// One key of the order of a named-version list (`$orderBy`): by changeset index or creation date, ascending or
/// descending.
///
/// The Get iModel Named Versions page documents these two properties; ascending is the service's default direction.
/// As with ``IModelsOrder``, the SDK always writes the direction and joins several keys with a comma, earlier keys
/// first: `[.changesetIndexDescending]` sends `$orderBy=changesetIndex desc`.
public struct NamedVersionOrder: Sendable, Hashable, CustomStringConvertible {
    /// A property the list can be ordered by.
    public enum Property: String, Sendable, Hashable, CaseIterable {
        /// The index of the changeset the version names (0 for the baseline).
        case changesetIndex
        /// When the version was created.
        case createdDateTime
    }

    /// The property.
    public var property: Property
    /// Newest or highest first.
    public var descending: Bool

    /// Creates an order.
    public init(_ property: Property, descending: Bool = false) {
        self.property = property
        self.descending = descending
    }

    /// Oldest changeset first.
    public static let changesetIndex = NamedVersionOrder(.changesetIndex)
    /// Newest changeset first.
    public static let changesetIndexDescending = NamedVersionOrder(.changesetIndex, descending: true)
    /// Created first, first.
    public static let createdDateTime = NamedVersionOrder(.createdDateTime)
    /// Created last, first.
    public static let createdDateTimeDescending = NamedVersionOrder(.createdDateTime, descending: true)

    /// The clause as sent, for example `changesetIndex desc`.
    public var description: String { "\(property.rawValue) \(descending ? "desc" : "asc")" }
}
