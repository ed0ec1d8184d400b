/// The subcommands of `imodels`; hints depend on which one failed (a `403` on a clone needs other permissions than
/// one on an import).
public enum CommandName: String, Sendable, CaseIterable, Codable {
    /// `imodels clone`.
    case clone
    /// `imodels fork`.
    case fork
    /// `imodels status`.
    case status
    /// `imodels wait`.
    case wait
    /// `imodels changesets`.
    case changesets
    /// `imodels import`.
    case `import`
    /// `imodels run`.
    case run
    /// `imodels transformation`.
    case transformation
    /// `imodels transform`.
    case transform
    /// `imodels report`.
    case report
    /// `imodels transformations`.
    case transformations
    /// `imodels demo`.
    case demo
    /// `imodels list`.
    case list
    /// `imodels info`.
    case info
    /// `imodels update`.
    case update
    /// `imodels delete`.
    case delete
    /// `imodels permissions`.
    case permissions
    /// `imodels versions list` and `imodels versions create`.
    case versions
}
