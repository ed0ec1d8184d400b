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

    @OptionGroup var ends: TransformationEndsOptions

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
            let type = TransformTypes.resolve(self.type)
            let ends = try await ends.resolve(
                command: "transform --type <type> --parameters <file.json>", name: name, session: session,
                defaultTarget: { $0.transformTargetIModelId },
                defaultName: { "\(type.rawValue) \($0.name) into \($1.name)" })
            try await session.requirePermissions([
                (.transformationSource, ends.sourceIModel), (.transformationTarget, ends.targetIModel),
            ])
            let configuration = try await session.client.transformations.createConfiguration(
                type: type, transformName: ends.name, sourceProjectId: ends.sourceProject,
                sourceIModelId: ends.sourceIModel, targetProjectId: ends.targetProject,
                targetIModelId: ends.targetIModel,
                comment: comment, transformParameters: parameters.value)
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
}

/// The value of `--parameters`: the file as given and the JSON object read from it.
struct ParametersArgument: Sendable {
    var file: String
    var value: JSONValue
}
