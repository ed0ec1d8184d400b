import ArgumentParser
import IModelsCLI
import IModelsClient

/// `imodels run`: runs an existing transformation configuration again and waits until the run finishes.
struct RunCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an existing transformation configuration and wait until the run finishes.",
        discussion: """
            A later run of an ImportIModel configuration only processes the source's new changes. The service runs \
            one transformation per target iModel at a time: --queue makes this run wait its turn instead of being \
            refused (409). Before starting, it checks that the caller has imodels_read on the configuration's source \
            iModel and imodels_write on its target. On the simulator the configuration defaults to the sample \
            Campus -> "Import target".
            """)

    @Argument(help: ArgumentHelp("The configuration's id.", valueName: "configuration-id"))
    var configurationId: String?

    @Flag(help: "Queue the run if another one is going on for the same target iModel.")
    var queue = false

    @Flag(help: "Return once the run has started.")
    var noWait = false

    @Option(parsing: .unconditional, help: TimeoutArgument.help(.transformation), transform: TimeoutArgument.parse)
    var timeout: TimeoutArgument?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try TextOption.check(configurationId, "<configuration-id>")
        if noWait && timeout != nil {
            throw ValidationError(ConflictMessage.noWait(with: "--timeout", returns: "once the run has started"))
        }
    }

    func run() async throws {
        try await CommandRunner.run(.run, global) { session in
            let id = try session.required(
                configurationId, "the configuration id", usage: "imodels run <configuration-id>"
            ) {
                $0.importConfigurationId
            }
            session.using(id)
            let configuration = try await session.client.transformations.configuration(id)
            try await session.requirePermissions(toRun: configuration)
            let run = try await session.client.transformations.run(configurationId: id, enableQueueing: queue)
            if noWait {
                session.note(FollowUp.started(runId: run.id, onSimulator: session.onSimulator))
                let result = TransformationResult(configuration: configuration, transformation: run)
                session.emit(result, text: result.text)
                return
            }
            let (done, elapsed) = try await session.waitUntilFinished(
                run.id, kind: "run", timeout: (timeout ?? .transformation).duration,
                announce:
                    "Started run \(TerminalText.line(run.id)) of \"\(TerminalText.line(configuration.transformName))\". Waiting until it finishes "
                    + "(Ctrl-C stops waiting).")
            let result = TransformationResult(
                configuration: configuration, transformation: done, elapsedSeconds: elapsed)
            session.emit(result, text: result.text)
        }
    }
}
