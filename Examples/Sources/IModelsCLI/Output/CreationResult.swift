import IModelsClient

/// The result of `clone` and `fork`: the new iModel's handle and, after waiting, the iModel.
public struct CreationResult: Sendable, Encodable {
    /// `clone` or `fork`.
    public var kind: String
    /// The handle the service answered with (id, `Location`, `Create-iModel-Operation`).
    public var creation: IModelCreation
    /// What was awaited: `initialized`, `completed`, or `nil` with `--no-wait`.
    public var milestone: String?
    /// The iModel once the milestone was reached.
    public var iModel: IModel?
    /// The create operation as last read.
    public var createOperation: CreateOperation?
    /// Seconds from the request to the milestone.
    public var elapsedSeconds: Double
    /// The source's named version the copy was made as of (`--named-version`).
    public var namedVersion: NamedVersion?
    /// What `--copy-named-versions` created and skipped.
    public var namedVersions: NamedVersionsCopyResult?

    /// Creates the result.
    public init(
        kind: String, creation: IModelCreation, milestone: String?, iModel: IModel?,
        createOperation: CreateOperation?, elapsedSeconds: Double, namedVersion: NamedVersion? = nil,
        namedVersions: NamedVersionsCopyResult? = nil
    ) {
        self.kind = kind
        self.creation = creation
        self.milestone = milestone
        self.iModel = iModel
        self.createOperation = createOperation
        self.elapsedSeconds = TextFormat.milliseconds(elapsedSeconds)
        self.namedVersion = namedVersion
        self.namedVersions = namedVersions
    }

    /// The result as text.
    public var text: String {
        var rows = IModelSummary.rows(iModel, operation: createOperation)
        if iModel == nil { rows.insert(("iModel", TerminalText.line(creation.iModelId)), at: 0) }
        if let namedVersion {
            rows.append(
                (
                    "as of",
                    TerminalText.line("named version \"\(namedVersion.name)\", \(NamedVersionText.point(namedVersion))")
                ))
        }
        if let namedVersions { rows += namedVersions.rows }
        if let milestone {
            rows.append(("result", "\(milestone) after \(TextFormat.seconds(elapsedSeconds))"))
        } else {
            rows.append(("result", "accepted; not waiting (--no-wait)"))
        }
        return TextFormat.fields(rows)
    }
}
