import Foundation
import IModelsClient

/// The result of `import`, `run` and `transformation`: a run and, when known, its configuration.
public struct TransformationResult: Sendable, Encodable {
    /// The configuration (created by `import`, or read for `run`).
    public var configuration: TransformationConfiguration?
    /// The run.
    public var transformation: Transformation
    /// Seconds the command waited for the run, when it waited.
    public var elapsedSeconds: Double?

    /// Creates the result.
    public init(
        configuration: TransformationConfiguration?, transformation: Transformation, elapsedSeconds: Double? = nil
    ) {
        self.configuration = configuration
        self.transformation = transformation
        self.elapsedSeconds = elapsedSeconds.map(TextFormat.milliseconds)
    }

    /// The result as text.
    public var text: String {
        TextFormat.fields(Self.rows(configuration: configuration, run: transformation, elapsed: elapsedSeconds))
    }

    /// The rows of a run and its configuration, every value from the service made terminal-safe.
    static func rows(configuration: TransformationConfiguration?, run: Transformation, elapsed: Double?)
        -> [(String, String)]
    {
        unsafeRows(configuration: configuration, run: run, elapsed: elapsed).map { ($0.0, TerminalText.line($0.1)) }
    }

    private static func unsafeRows(configuration: TransformationConfiguration?, run: Transformation, elapsed: Double?)
        -> [(String, String)]
    {
        var rows: [(String, String)] = []
        if let configuration {
            rows.append(("configuration", "\(configuration.transformName)  \(configuration.id)"))
            rows.append(("type", configuration.transformType.rawValue))
            if let source = configuration.sourceIModelId { rows.append(("source iModel", source)) }
            if let target = configuration.targetIModelId { rows.append(("target iModel", target)) }
        } else if let configurationId = run.configurationId {
            rows.append(("configuration", configurationId))
        }
        rows.append(("run", run.id))
        rows.append(("status", run.status.rawValue))
        if let elements = TextFormat.elements(
            processed: run.processedElementCount, total: run.totalElementCount, status: run.status)
        {
            rows.append(("processed", elements))
        }
        if let message = run.errorMessage, !message.isEmpty { rows.append(("error", message)) }
        rows.append(("created", TextFormat.date(run.createdDateTime)))
        if let started = run.startedDateTime { rows.append(("started", TextFormat.date(started))) }
        if let finished = run.finishedDateTime { rows.append(("finished", TextFormat.date(finished))) }
        if let pushed = run.lastTargetChangesetPushed, !pushed.isEmpty {
            rows.append(("pushed changeset", pushed))
        }
        if let elapsed { rows.append(("waited", TextFormat.seconds(elapsed))) }
        return rows
    }
}
