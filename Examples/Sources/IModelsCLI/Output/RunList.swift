import IModelsClient

/// The result of `transformations`: the runs of a configuration.
public struct RunList: Sendable, Encodable {
    /// The configuration.
    public var configurationId: String
    /// The status the runs were filtered by, if one was given.
    public var status: TransformationStatus?
    /// The runs, in the order the service gave them.
    public var transformations: [Transformation]

    /// The documented run statuses, the values `--status` takes.
    public static let statuses: [TransformationStatus] = [
        .created, .initializing, .started, .succeeded, .failed, .aborted,
    ]

    /// The documented status `text` names, in any case, or `nil`.
    public static func status(named text: String) -> TransformationStatus? {
        statuses.first { $0.rawValue.lowercased() == text.lowercased() }
    }

    /// Creates the result.
    public init(configurationId: String, status: TransformationStatus? = nil, transformations: [Transformation]) {
        self.configurationId = configurationId
        self.status = status
        self.transformations = transformations
    }

    /// A table: run id, status, processed elements, created and finished times.
    public var text: String {
        let configurationId = TerminalText.line(configurationId)
        let filter = status.map { " \(TerminalText.line($0.rawValue))" } ?? ""
        guard !transformations.isEmpty else { return "No\(filter) runs (configuration \(configurationId))." }
        let rows = transformations.map { run in
            [
                TerminalText.line(run.id), TerminalText.line(run.status.rawValue),
                TextFormat.elements(
                    processed: run.processedElementCount, total: run.totalElementCount, status: run.status) ?? "",
                TextFormat.date(run.createdDateTime),
                TextFormat.date(run.finishedDateTime),
            ]
        }
        let noun = transformations.count == 1 ? "run" : "runs"
        return TextFormat.table(["ID", "STATUS", "PROCESSED", "CREATED", "FINISHED"], rows)
            + "\n\(transformations.count)\(filter) \(noun) of configuration \(configurationId)"
    }
}
