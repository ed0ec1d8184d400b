/// What ``ITwinClient/copyNamedVersions(from:to:)`` did: the named versions it created on the copy and those of the
/// source it left out, each with the reason.
public struct NamedVersionsCopy: Sendable, Hashable {
    /// Why a named version of the source was not created on the copy.
    public enum SkipReason: Sendable, Hashable {
        /// The copy already has a named version of that name, compared without regard to case as the service does (an
        /// earlier run, or the user, made it).
        case alreadyPresent
        /// Its changeset comes after the last changeset the copy was made up to.
        case afterCopiedChangesets
        /// The copy has no changeset that matches it: its history was squashed (a fork without `preserveHistory`, a
        /// creation from a template) and the version is not on the changeset the baseline was made from, or the
        /// copy's create operation does not say where it was copied from.
        case noMatchingChangeset
        /// The copy's matching changeset (or baseline) already carries another named version, and the service allows
        /// one per changeset (`409 NamedVersionOnChangesetExists`).
        case changesetAlreadyNamed
    }

    /// A named version of the source that was not created on the copy.
    public struct Skipped: Sendable, Hashable {
        /// The source's named version.
        public var namedVersion: NamedVersion
        /// Why it was left out.
        public var reason: SkipReason

        /// Creates the value.
        public init(namedVersion: NamedVersion, reason: SkipReason) {
            self.namedVersion = namedVersion
            self.reason = reason
        }
    }

    /// The iModel the named versions were read from.
    public var sourceIModelId: String
    /// The copy they were created on.
    public var copyIModelId: String
    /// The named versions created on the copy, in the source's changeset order.
    public var created: [NamedVersion]
    /// The source's named versions not created, in the source's changeset order.
    public var skipped: [Skipped]

    /// Creates the value.
    public init(sourceIModelId: String, copyIModelId: String, created: [NamedVersion], skipped: [Skipped]) {
        self.sourceIModelId = sourceIModelId
        self.copyIModelId = copyIModelId
        self.created = created
        self.skipped = skipped
    }
}
