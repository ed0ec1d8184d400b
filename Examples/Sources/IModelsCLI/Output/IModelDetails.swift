import IModelsClient

/// The result of `info` and `update`: an iModel in full and, for `info`, its create operation.
public struct IModelDetails: Sendable, Encodable {
    /// The iModel.
    public var iModel: IModel
    /// How its creation went (`info`), or `nil` (`update`).
    public var createOperation: CreateOperation?

    /// Creates the result.
    public init(iModel: IModel, createOperation: CreateOperation? = nil) {
        self.iModel = iModel
        self.createOperation = createOperation
    }

    /// The result as text: name and id, iTwin, state, dates, description, what the service says of its access,
    /// extent and storage, and its creation.
    public var text: String {
        var rows = IModelSummary.rows(iModel, operation: nil)
        var more: [(String, String)] = []
        if let pushed = iModel.lastChangesetPushDateTime {
            more.append(("last changeset", TextFormat.date(pushed)))
        }
        if let secured = iModel.isSecured {
            more.append(("access", secured ? "iModel-level permissions" : "the iTwin's permissions"))
        }
        if let location = iModel.dataCenterLocation { more.append(("data center", location)) }
        if let containers = iModel.containersEnabled { more.append(("containers", String(containers))) }
        if let extent = iModel.extent {
            let corner = { (point: IModelExtent.Point) in "\(point.latitude), \(point.longitude)" }
            more.append(("extent", "SW \(corner(extent.southWest))  NE \(corner(extent.northEast))"))
        }
        rows += more.map { ($0.0, TerminalText.line($0.1)) }
        if let createOperation {
            rows += IModelSummary.rows(nil, operation: createOperation)
        }
        return TextFormat.fields(rows)
    }
}
