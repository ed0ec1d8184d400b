import ArgumentParser
import IModelsCLI
import IModelsClient

/// `imodels info`: an iModel's details and how its creation went.
struct InfoCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show an iModel's details (state, dates, description, access, extent) and its create operation.",
        discussion: "Needs imodels_webview. On the simulator the iModel defaults to the sample Bridge.")

    @Argument(help: ArgumentHelp("The iModel's id.", valueName: "imodel-id"))
    var iModelId: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try TextOption.check(iModelId, "<imodel-id>")
    }

    func run() async throws {
        try await CommandRunner.run(.info, global) { session in
            let id = try session.required(iModelId, "the iModel id", usage: "imodels info <imodel-id>") {
                $0.bridgeIModelId
            }
            session.using(id)
            async let model = session.client.iModels.iModel(id)
            async let operation = session.client.iModels.createOperation(of: id)
            let result = IModelDetails(iModel: try await model, createOperation: try await operation)
            session.emit(result, text: result.text)
        }
    }
}
