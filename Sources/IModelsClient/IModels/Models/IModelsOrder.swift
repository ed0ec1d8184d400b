/// A property an iTwin's iModel list can be ordered by: the two the Get iTwin iModels page documents for `$orderBy`.
public enum IModelsOrderProperty: String, ListOrderProperty {
    /// The iModel's name.
    case name
    /// When the iModel was created.
    case createdDateTime
}

/// One key of the order of an iTwin's iModel list (`$orderBy` of `GET /imodels`): `name` or `createdDateTime`,
/// ascending or descending, as ``ListOrder`` writes it.
public typealias IModelsOrder = ListOrder<IModelsOrderProperty>

extension ListOrder where Property == IModelsOrderProperty {
    /// By name, A to Z.
    public static var name: Self { Self(.name) }
    /// By name, Z to A.
    public static var nameDescending: Self { Self(.name, descending: true) }
    /// Oldest first (`createdDateTime asc`).
    public static var createdDateTime: Self { Self(.createdDateTime) }
    /// Newest first (`createdDateTime desc`).
    public static var createdDateTimeDescending: Self { Self(.createdDateTime, descending: true) }
}
