/// A property a list can be ordered by: its raw value is its name in `$orderBy`.
public protocol ListOrderProperty: RawRepresentable, Sendable, Hashable, CaseIterable where RawValue == String {}

/// One key of a list's order (`$orderBy`): a property, ascending or descending. ``IModelsOrder`` and
/// ``NamedVersionOrder`` are its two uses.
///
/// The SDK always writes the direction (`name asc`, `createdDateTime desc`, the services' default being ascending) and
/// joins several keys with a comma, earlier keys first: `[.name, .createdDateTimeDescending]` sends
/// `$orderBy=name asc,createdDateTime desc`. A list refuses an order that names a property twice before sending.
public struct ListOrder<Property: ListOrderProperty>: Sendable, Hashable, CustomStringConvertible {
    /// The property to order by.
    public var property: Property
    /// Whether the largest value comes first.
    public var descending: Bool

    /// Creates an order key.
    public init(_ property: Property, descending: Bool = false) {
        self.property = property
        self.descending = descending
    }

    /// The clause as sent, for example `name desc`.
    public var description: String { "\(property.rawValue) \(descending ? "desc" : "asc")" }
}
