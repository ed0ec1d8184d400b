import ArgumentParser
import IModelsCLI
import IModelsClient

/// `imodels status`: an iModel and how its creation is going.
struct StatusCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show an iModel and its create operation (state, and what it was cloned or forked from).",
        discussion: """
            Needs imodels_webview. On the simulator the iModel defaults to the sample clone in progress, \
            "Bridge (cloning)".
            """)

    @Argument(help: ArgumentHelp("The iModel's id.", valueName: "imodel-id"))
    var iModelId: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try TextOption.check(iModelId, "<imodel-id>")
    }

    func run() async throws {
        try await CommandRunner.run(.status, global) { session in
            let id = try session.required(iModelId, "the iModel id", usage: "imodels status <imodel-id>") {
                $0.cloneInProgressIModelId
            }
            session.using(id)
            async let model = session.client.iModels.iModel(id)
            async let operation = session.client.iModels.createOperation(of: id)
            let result = StatusResult(iModel: try await model, createOperation: try await operation)
            session.emit(result, text: result.text)
        }
    }
}
