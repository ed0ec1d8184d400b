/// A property a named-version list can be ordered by: the two the Get iModel Named Versions page documents.
public enum NamedVersionOrderProperty: String, ListOrderProperty {
    /// The index of the changeset the version names (0 for the baseline).
    case changesetIndex
    /// When the version was created.
    case createdDateTime
}

/// One key of the order of a named-version list (`$orderBy`): by changeset index or creation date, ascending or
/// descending, as ``ListOrder`` writes it.
public typealias NamedVersionOrder = ListOrder<NamedVersionOrderProperty>

extension ListOrder where Property == NamedVersionOrderProperty {
    /// Oldest changeset first.
    public static var changesetIndex: Self { Self(.changesetIndex) }
    /// Newest changeset first.
    public static var changesetIndexDescending: Self { Self(.changesetIndex, descending: true) }
    /// Created first, first.
    public static var createdDateTime: Self { Self(.createdDateTime) }
    /// Created last, first.
    public static var createdDateTimeDescending: Self { Self(.createdDateTime, descending: true) }
}
