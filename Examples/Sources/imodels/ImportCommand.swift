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

    @OptionGroup var ends: TransformationEndsOptions

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
            let ends = try await ends.resolve(
                command: "import", name: name, session: session, defaultTarget: { $0.importTargetIModelId },
                defaultName: { "Import \($0.name) into \($1.name)" })
            let request = ImportIModelConfigurationRequest(
                transformName: ends.name, sourceProjectId: ends.sourceProject, sourceIModelId: ends.sourceIModel,
                targetProjectId: ends.targetProject, targetIModelId: ends.targetIModel, comment: comment,
                repositoryFederationGuid: repositoryFederationGuid)
            try await session.requirePermissions([
                (.transformationSource, ends.sourceIModel), (.transformationTarget, ends.targetIModel),
            ])
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
}
