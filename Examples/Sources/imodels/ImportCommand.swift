import ArgumentParser
import IModelsCLI
import IModelsClient

/// `imodels import`: creates an ImportIModel configuration, runs it and waits until the run finishes.
struct ImportCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import an iModel into another: create an ImportIModel configuration, run it and wait.",
        discussion: """
            Needs imodels_read in the source project (iTwin) and imodels_write in the target project; the tool checks \
            both iModels' permissions before it creates anything. The projects \
            default to the iTwins the iModels belong to (read from the service). Keep the configuration id to \
            import again later with `imodels run <configuration-id>`, which only processes the source's new \
            changes. A failed run may leave the target unusable. On the simulator the source defaults to the \
            sample Bridge and the target to the sample "Import target".
            """)

    @Option(name: .customLong("source-imodel"), help: ArgumentHelp("The source iModel's id.", valueName: "imodel-id"))
    var sourceIModel: String?

    @Option(
        name: [.customLong("source-project"), .customLong("source-itwin")],
        help: ArgumentHelp("The source iModel's iTwin.", valueName: "itwin-id"))
    var sourceProject: String?

    @Option(name: .customLong("target-imodel"), help: ArgumentHelp("The target iModel's id.", valueName: "imodel-id"))
    var targetIModel: String?

    @Option(
        name: [.customLong("target-project"), .customLong("target-itwin")],
        help: ArgumentHelp("The target iModel's iTwin.", valueName: "itwin-id"))
    var targetProject: String?

    @Option(help: "The configuration's name (default: \"Import <source> into <target>\").")
    var name: String?

    @Option(help: "The comment of the changeset the run pushes to the target.")
    var comment: String = "Imported with imodels"

    @Option(help: "Import only the data of the RepositoryLink with this federation GUID.")
    var repositoryFederationGuid: String?

    @Flag(help: "Return once the run has started.")
    var noWait = false

    @Option(parsing: .unconditional, help: TimeoutArgument.help(.transformation), transform: TimeoutArgument.parse)
    var timeout: TimeoutArgument?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try TextOption.check(sourceIModel, "--source-imodel")
        try TextOption.check(targetIModel, "--target-imodel")
        try TextOption.check(sourceProject, "--source-project", ": omit it to use the source iModel's iTwin.")
        try TextOption.check(targetProject, "--target-project", ": omit it to use the target iModel's iTwin.")
        try TextOption.check(name, "--name", ": omit --name for \"Import <source> into <target>\".")
        try TextOption.check(comment, "--comment", ": omit --comment for \"Imported with imodels\".")
        try TextOption.check(
            repositoryFederationGuid, "--repository-federation-guid", ": omit it to import the whole iModel.")
        if noWait && timeout != nil {
            throw ValidationError(ConflictMessage.noWait(with: "--timeout", returns: "once the run has started"))
        }
    }

    func run() async throws {
        try await CommandRunner.run(.import, global) { session in
            let usage = "imodels import --source-imodel <id> --target-imodel <id>"
            let source = try session.required(sourceIModel, "--source-imodel", usage: usage) { $0.bridgeIModelId }
            let target = try session.required(targetIModel, "--target-imodel", usage: usage) {
                $0.importTargetIModelId
            }
            let request = try await makeRequest(source: source, target: target, session: session)
            try await session.requirePermissions([(.transformationSource, source), (.transformationTarget, target)])
            let started = ContinuousClock.now
            if noWait {
                let configuration = try await session.client.transformations.createImportIModelConfiguration(request)
                session.note("Created the ImportIModel configuration \(TerminalText.line(configuration.id)).")
                let run = try await session.client.transformations.run(configurationId: configuration.id)
                session.note(FollowUp.started(runId: run.id, onSimulator: session.onSimulator))
                let result = TransformationResult(configuration: configuration, transformation: run)
                session.emit(result, text: result.text)
                return
            }
            let created = Protected<TransformationConfiguration?>(nil)
            let timeout = (self.timeout ?? .transformation).duration
            let run = try await session.client.importIModel(request, timeout: timeout) { event in
                switch event {
                case .configurationCreated(let configuration):
                    created.withLock { $0 = configuration }
                    session.note("Created the ImportIModel configuration \(TerminalText.line(configuration.id)).")
                case .runStarted(let run):
                    session.waiting(
                        for: "the import run \(TerminalText.line(run.id)) to finish",
                        check: ShellWord.command("imodels", "transformation", run.id))
                    session.note(
                        "Started run \(TerminalText.line(run.id)). Waiting until it finishes (Ctrl-C stops waiting).")
                    session.progress.begin("import run \(TextFormat.shortId(run.id))", .run(id: run.id))
                case .runUpdated(let run):
                    session.progress.update(run)
                default:
                    break
                }
            }
            let elapsed = CreationFlow.seconds(since: started)
            session.progress.finish(
                "import run \(TextFormat.shortId(run.id)): \(ProgressLine.runState(run)) after \(TextFormat.seconds(elapsed))"
            )
            let result = TransformationResult(
                configuration: created.withLock { $0 }, transformation: run, elapsedSeconds: elapsed)
            session.emit(result, text: result.text)
        }
    }

    /// The request, with the projects and the name read from the iModels when they were not given.
    private func makeRequest(source: String, target: String, session: Session) async throws
        -> ImportIModelConfigurationRequest
    {
        session.using(source, target)
        if let sourceProject { session.claim(iModel: source, in: sourceProject, option: "--source-project") }
        if let targetProject { session.claim(iModel: target, in: targetProject, option: "--target-project") }
        var sourceProject = self.sourceProject
        var targetProject = self.targetProject
        var name = self.name
        if sourceProject == nil || targetProject == nil || name == nil {
            async let sourceModel = session.client.iModels.iModel(source)
            async let targetModel = session.client.iModels.iModel(target)
            let (sourceIModel, targetIModel) = try await (sourceModel, targetModel)
            sourceProject = sourceProject ?? sourceIModel.iTwinId
            targetProject = targetProject ?? targetIModel.iTwinId
            name = name ?? "Import \(sourceIModel.name) into \(targetIModel.name)"
        }
        guard let sourceProject, let targetProject, let name else {
            throw ToolError.usage(
                "The service did not say which iTwins the iModels belong to: pass --source-project and --target-project."
            )
        }
        return ImportIModelConfigurationRequest(
            transformName: name, sourceProjectId: sourceProject, sourceIModelId: source,
            targetProjectId: targetProject, targetIModelId: target, comment: comment,
            repositoryFederationGuid: repositoryFederationGuid)
    }
}
