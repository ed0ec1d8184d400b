import IModelsClient

/// The result of `demo`: what it created, the run, and how long each step took.
public struct DemoResult: Sendable, Encodable {
    /// One step and its duration.
    public struct Step: Sendable, Encodable, Equatable {
        /// What the step did.
        public var name: String
        /// Seconds it took.
        public var seconds: Double

        /// Creates a step.
        public init(name: String, seconds: Double) {
            self.name = name
            self.seconds = TextFormat.milliseconds(seconds)
        }
    }

    /// A Subject an import created in the target (known on the simulator only).
    public struct Subject: Sendable, Encodable, Equatable {
        /// The source iModel's id (the Subject's code value).
        public var codeValue: String
        /// The source iModel's name.
        public var userLabel: String
        /// Elements under it.
        public var elementCount: Int

        /// Creates a subject.
        public init(codeValue: String, userLabel: String, elementCount: Int) {
            self.codeValue = codeValue
            self.userLabel = userLabel
            self.elementCount = elementCount
        }
    }

    /// The clone, completed.
    public var clone: IModel
    /// The index of the changeset the clone was copied up to, when the demo named one.
    public var clonedUpToChangesetIndex: Int?
    /// The id of the changeset the clone was copied up to (empty: baseline only).
    public var clonedUpToChangesetId: String?
    /// The empty iModel the clone was imported into.
    public var target: IModel
    /// The ImportIModel configuration.
    public var configuration: TransformationConfiguration?
    /// The run, `Succeeded`.
    public var transformation: Transformation
    /// The target's Subjects after the import (simulator only).
    public var subjects: [Subject]?
    /// The steps, in order.
    public var steps: [Step]
    /// Seconds for the whole demo.
    public var elapsedSeconds: Double
    /// The source's named version the clone was made as of, when the demo named one.
    public var namedVersion: NamedVersion?
    /// The source's named versions recreated on the clone, and those skipped.
    public var namedVersions: NamedVersionsCopyResult?

    /// Creates the result.
    public init(
        clone: IModel, clonedUpToChangesetIndex: Int?, clonedUpToChangesetId: String?, target: IModel,
        configuration: TransformationConfiguration?,
        transformation: Transformation, subjects: [Subject]?, steps: [Step], elapsedSeconds: Double,
        namedVersion: NamedVersion? = nil, namedVersions: NamedVersionsCopyResult? = nil
    ) {
        self.clone = clone
        self.clonedUpToChangesetIndex = clonedUpToChangesetIndex
        self.clonedUpToChangesetId = clonedUpToChangesetId
        self.target = target
        self.configuration = configuration
        self.transformation = transformation
        self.subjects = subjects
        self.steps = steps
        self.elapsedSeconds = TextFormat.milliseconds(elapsedSeconds)
        self.namedVersion = namedVersion
        self.namedVersions = namedVersions
    }

    /// The result as text.
    public var text: String {
        var rows: [(String, String)] = [
            ("clone", "\(clone.name)  \(clone.id)")
        ]
        if let id = clonedUpToChangesetId {
            let changeset = clonedUpToChangesetIndex.map { "changeset \($0) (\(id))" } ?? "changeset \(id)"
            rows.append(("cloned up to", id.isEmpty ? "the baseline" : changeset))
        }
        if let namedVersion { rows.append(("as of", "named version \"\(namedVersion.name)\"")) }
        let versionRows = namedVersions?.rows ?? []
        rows += versionRows
        rows.append(("target", "\(target.name)  \(target.id)"))
        rows += TransformationResult.rows(configuration: configuration, run: transformation, elapsed: nil)
        for subject in subjects ?? [] {
            rows.append(
                ("subject", "\(subject.userLabel) (\(TextFormat.count(subject.elementCount)) elements)"))
        }
        for step in steps { rows.append(("  " + step.name, TextFormat.seconds(step.seconds))) }
        rows.append(("total", TextFormat.seconds(elapsedSeconds)))
        return TextFormat.fields(rows.map { ($0.0, TerminalText.line($0.1)) })
    }
}
