import ArgumentParser
import IModelsCLI
import IModelsClient

/// `imodels wait`: waits until an iModel is initialized or its creation completed.
struct WaitCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "wait",
        abstract: "Wait until an iModel is initialized (usable) or completed (everything copied).",
        discussion: """
            "initialized" returns as soon as the iModel can be used, which may be before the service has finished \
            copying; "completed" waits for the create operation's "successful". A failed creation ends with exit \
            code 5, the timeout with 6. On the simulator the iModel defaults to the sample clone in progress.
            """)

    @Argument(help: ArgumentHelp("The iModel's id.", valueName: "imodel-id"))
    var iModelId: String?

    @Option(help: "What to wait for.")
    var until: MilestoneArgument = .completed

    @Option(parsing: .unconditional, help: TimeoutArgument.help(.creation), transform: TimeoutArgument.parse)
    var timeout: TimeoutArgument?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try TextOption.check(iModelId, "<imodel-id>")
    }

    func run() async throws {
        try await CommandRunner.run(.wait, global) { session in
            let id = try session.required(iModelId, "the iModel id", usage: "imodels wait <imodel-id>") {
                $0.cloneInProgressIModelId
            }
            session.using(id)
            let (model, elapsed) = try await session.waitUntilCreated(
                id, kind: "iModel", until: until.milestone, timeout: (timeout ?? .creation).duration,
                announce: "Waiting until iModel \(id) is \(until.rawValue) (Ctrl-C stops waiting).")
            let result = WaitResult(milestone: until.rawValue, iModel: model, elapsedSeconds: elapsed)
            session.emit(result, text: result.text)
        }
    }
}
