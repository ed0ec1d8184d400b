import ArgumentParser
import IModelsCLI
import IModelsClient

/// `imodels transformation`: shows a run, waits for it, or cancels it.
struct TransformationCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "transformation",
        abstract: "Show a transformation run (status, processed of total elements), wait for it, or cancel it.",
        discussion: """
            --cancel stops a run that has not finished (it ends Aborted); cancelling only stops the run, and a \
            finished run cannot be cancelled. On the simulator the run defaults to the sample run in progress \
            (Bridge -> "Bridge import target", about 3 s long from the start of each command).
            """)

    @Argument(help: ArgumentHelp("The run's id.", valueName: "transformation-id"))
    var transformationId: String?

    @Flag(help: "Cancel the run.")
    var cancel = false

    @Flag(help: "Wait until the run finishes, with progress.")
    var wait = false

    @Option(
        parsing: .unconditional, help: TimeoutArgument.help(.transformation, prefix: "With --wait: "),
        transform: TimeoutArgument.parse)
    var timeout: TimeoutArgument?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try TextOption.check(transformationId, "<transformation-id>")
        if cancel && wait { throw ValidationError("Give --cancel or --wait, not both.") }
        if cancel && timeout != nil {
            throw ValidationError("--cancel does not wait, so --timeout has no effect: drop --timeout.")
        }
        if !wait && timeout != nil {
            throw ValidationError("--timeout applies to --wait only: add --wait, or drop --timeout.")
        }
    }

    func run() async throws {
        try await CommandRunner.run(.transformation, global) { session in
            let id = try session.required(
                transformationId, "the run id", usage: "imodels transformation <transformation-id>"
            ) { $0.runInProgressId }
            session.using(id)
            let run: Transformation
            var elapsed: Double?
            if cancel {
                run = try await session.client.transformations.cancel(id)
                session.note("Cancelled run \(id).")
            } else if wait {
                (run, elapsed) = try await session.waitUntilFinished(
                    id, kind: "run", timeout: (timeout ?? .transformation).duration,
                    announce: "Waiting until run \(id) finishes (Ctrl-C stops waiting).")
            } else {
                run = try await session.client.transformations.transformation(id)
            }
            let result = TransformationResult(configuration: nil, transformation: run, elapsedSeconds: elapsed)
            session.emit(result, text: result.text)
        }
    }
}
