import ArgumentParser
import IModelsCLI
import IModelsClient

/// `imodels transform`: creates a configuration of any type from a parameters file, runs it and waits until the run
/// finishes.
struct TransformCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "transform",
        abstract: "Transform an iModel into another: create a configuration of any type, run it and wait.",
        discussion: """
            --parameters is the configuration's transformParameters, a JSON object, read before anything is sent \
            (- reads standard input). Known types, whose parameters are checked against the SDK's model first: \
            \(TransformTypes.names). Any other type (letters and digits) is sent as given, for types newer than \
            this tool. Before sending, the tool checks that the caller has imodels_read on the source and \
            imodels_write on the target. The projects default to the iTwins the iModels belong to. Keep the \
            configuration id to run it again with `imodels run <configuration-id>`; `imodels report <run-id>` shows \
            the run's report. On the simulator the source defaults to the sample Bridge and the target to the \
            sample (empty) "Transform target".
            """)

    @Option(help: ArgumentHelp("The configuration type, such as FilterIModel or CombineIModels.", valueName: "type"))
    var type: String

    @Option(
        help: ArgumentHelp(
            "A JSON file with the type's transformParameters (- for standard input).", valueName: "file.json"),
        transform: { ParametersArgument(file: $0, value: try ParametersFile.read($0)) })
    var parameters: ParametersArgument

    @Option(name: .customLong("source"), help: ArgumentHelp("The source iModel's id.", valueName: "imodel-id"))
    var sourceIModel: String?

    @Option(
        name: [.customLong("source-itwin"), .customLong("source-project")],
        help: ArgumentHelp("The source iModel's iTwin.", valueName: "itwin-id"))
    var sourceProject: String?

    @Option(name: .customLong("target"), help: ArgumentHelp("The target iModel's id.", valueName: "imodel-id"))
    var targetIModel: String?

    @Option(
        name: [.customLong("target-itwin"), .customLong("target-project")],
        help: ArgumentHelp("The target iModel's iTwin.", valueName: "itwin-id"))
    var targetProject: String?

    @Option(help: "The configuration's name (default: \"<type> <source> into <target>\").")
    var name: String?

    @Option(help: "The comment of the changeset the run pushes to the target.")
    var comment: String = "Transformed with imodels"

    @Flag(help: "Return once the run has started.")
    var noWait = false

    @Option(parsing: .unconditional, help: TimeoutArgument.help(.transformation), transform: TimeoutArgument.parse)
    var timeout: TimeoutArgument?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try TextOption.check(type, "--type", ": give a configuration type such as FilterIModel.")
        if !TransformTypes.isWellFormed(type) {
            throw ValidationError(
                "--type must be ASCII letters and digits, such as FilterIModel (known: \(TransformTypes.names)).")
        }
        try TextOption.check(sourceIModel, "--source")
        try TextOption.check(targetIModel, "--target")
        try TextOption.check(sourceProject, "--source-itwin", ": omit it to use the source iModel's iTwin.")
        try TextOption.check(targetProject, "--target-itwin", ": omit it to use the target iModel's iTwin.")
        try TextOption.check(name, "--name", ": omit --name for \"<type> <source> into <target>\".")
        try TextOption.check(comment, "--comment", ": omit --comment for \"Transformed with imodels\".")
        do {
            try TransformTypes.check(parameters.value, of: TransformTypes.resolve(type), file: parameters.file)
        } catch {
            throw ValidationError(error.description)
        }
        if noWait && timeout != nil {
            throw ValidationError(ConflictMessage.noWait(with: "--timeout", returns: "once the run has started"))
        }
    }

    func run() async throws {
        try await CommandRunner.run(.transform, global) { session in
            let usage = "imodels transform --type <type> --parameters <file.json> --source <id> --target <id>"
            let source = try session.required(sourceIModel, "--source", usage: usage) { $0.bridgeIModelId }
            let target = try session.required(targetIModel, "--target", usage: usage) { $0.transformTargetIModelId }
            let type = TransformTypes.resolve(self.type)
            let ends = try await resolveEnds(type: type, source: source, target: target, session: session)
            try await session.requirePermissions([(.transformationSource, source), (.transformationTarget, target)])
            let configuration = try await session.client.transformations.createConfiguration(
                type: type, transformName: ends.name, sourceProjectId: ends.sourceProject, sourceIModelId: source,
                targetProjectId: ends.targetProject, targetIModelId: target, comment: comment,
                transformParameters: parameters.value)
            session.note(
                "Created the \(TerminalText.line(configuration.transformType.rawValue)) configuration "
                    + "\(TerminalText.line(configuration.id)).")
            let run = try await session.client.transformations.run(configurationId: configuration.id)
            if noWait {
                session.note(FollowUp.started(runId: run.id, onSimulator: session.onSimulator))
                let result = TransformationResult(configuration: configuration, transformation: run)
                session.emit(result, text: result.text)
                return
            }
            let (done, elapsed) = try await session.waitUntilFinished(
                run.id, kind: "run", timeout: (timeout ?? .transformation).duration,
                announce: "Started run \(TerminalText.line(run.id)). Waiting until it finishes (Ctrl-C stops waiting).")
            let result = TransformationResult(
                configuration: configuration, transformation: done, elapsedSeconds: elapsed)
            session.emit(result, text: result.text)
        }
    }

    /// The projects and the name, read from the iModels when they were not given.
    private func resolveEnds(type: TransformType, source: String, target: String, session: Session) async throws
        -> (sourceProject: String, targetProject: String, name: String)
    {
        session.using(source, target)
        if let sourceProject { session.claim(iModel: source, in: sourceProject, option: "--source-itwin") }
        if let targetProject { session.claim(iModel: target, in: targetProject, option: "--target-itwin") }
        var sourceProject = self.sourceProject
        var targetProject = self.targetProject
        var name = self.name
        if sourceProject == nil || targetProject == nil || name == nil {
            async let sourceModel = session.client.iModels.iModel(source)
            async let targetModel = session.client.iModels.iModel(target)
            let (sourceIModel, targetIModel) = try await (sourceModel, targetModel)
            sourceProject = sourceProject ?? sourceIModel.iTwinId
            targetProject = targetProject ?? targetIModel.iTwinId
            name = name ?? "\(type.rawValue) \(sourceIModel.name) into \(targetIModel.name)"
        }
        guard let sourceProject, let targetProject, let name else {
            throw ToolError.usage(
                "The service did not say which iTwins the iModels belong to: pass --source-itwin and --target-itwin.")
        }
        return (sourceProject, targetProject, name)
    }
}

/// The value of `--parameters`: the file as given and the JSON object read from it.
struct ParametersArgument: Sendable {
    var file: String
    var value: JSONValue
}
