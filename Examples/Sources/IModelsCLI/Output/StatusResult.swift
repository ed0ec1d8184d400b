import IModelsClient

/// The result of `status`: the iModel and its create operation.
public struct StatusResult: Sendable, Encodable {
    /// The iModel.
    public var iModel: IModel
    /// How its creation is going.
    public var createOperation: CreateOperation

    /// Creates the result.
    public init(iModel: IModel, createOperation: CreateOperation) {
        self.iModel = iModel
        self.createOperation = createOperation
    }

    /// The result as text.
    public var text: String {
        var rows = IModelSummary.rows(iModel, operation: createOperation)
        let usable = iModel.state == .initialized
        let complete = createOperation.state == .successful
        let summary: String
        switch (usable, complete) {
        case (_, true): summary = "complete"
        case (true, false): summary = "usable (initialized); the service is still copying data"
        case (false, false):
            summary = createOperation.state.isFailure ? "creation failed" : "being created; not usable yet"
        }
        rows.append(("summary", summary))
        return TextFormat.fields(rows)
    }
}
