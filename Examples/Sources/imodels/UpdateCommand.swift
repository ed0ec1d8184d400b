import ArgumentParser
import IModelsCLI
import IModelsClient

/// `imodels update`: renames an iModel or changes its description.
struct UpdateCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Rename an iModel or change its description, and print it as updated.",
        discussion: """
            Give --name, --description or both; only those are changed. An empty --description "" clears it. Needs \
            imodels_manage; a name another iModel of the iTwin has is refused (409). On the simulator the iModel \
            defaults to the sample Bridge.
            """)

    @Argument(help: ArgumentHelp("The iModel's id.", valueName: "imodel-id"))
    var iModelId: String?

    @Option(help: "The new name.")
    var name: String?

    @Option(help: "The new description (\"\" clears it).")
    var description: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try TextOption.check(iModelId, "<imodel-id>")
        try TextOption.check(name, "--name", ": omit --name to keep the iModel's name.")
        if name == nil && description == nil {
            throw ValidationError("Give --name, --description or both: there is nothing to update.")
        }
        for (value, option) in [(name, "--name"), (description, "--description")] {
            if let value, value.utf16.count > 255 {
                throw ValidationError("\(option) must be at most 255 characters (got \(value.utf16.count)).")
            }
        }
    }

    func run() async throws {
        try await CommandRunner.run(.update, global) { session in
            let id = try session.required(iModelId, "the iModel id", usage: "imodels update <imodel-id> --name <name>")
            {
                $0.bridgeIModelId
            }
            session.using(id)
            let model = try await session.client.iModels.updateIModel(id, name: name, description: description)
            let result = IModelDetails(iModel: model)
            session.emit(result, text: result.text)
        }
    }
}
