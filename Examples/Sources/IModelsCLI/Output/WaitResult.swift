import IModelsClient

/// The result of `wait`: the iModel once it reached the milestone.
public struct WaitResult: Sendable, Encodable {
    /// `initialized` or `completed`.
    public var milestone: String
    /// The iModel.
    public var iModel: IModel
    /// Seconds the wait took.
    public var elapsedSeconds: Double

    /// Creates the result.
    public init(milestone: String, iModel: IModel, elapsedSeconds: Double) {
        self.milestone = milestone
        self.iModel = iModel
        self.elapsedSeconds = TextFormat.milliseconds(elapsedSeconds)
    }

    /// The result as text.
    public var text: String {
        var rows = IModelSummary.rows(iModel, operation: nil)
        rows.append(("result", "\(milestone) after \(TextFormat.seconds(elapsedSeconds))"))
        return TextFormat.fields(rows)
    }
}
