import ArgumentParser
import IModelsCLI
import IModelsClient

/// `imodels delete`: deletes an iModel, after asking (or with `--yes`).
struct DeleteCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete an iModel (asks first unless --yes).",
        discussion: """
            Deleting cannot be undone. The tool reads the iModel and asks "Delete iModel NAME (ID)? [y/N]" on the \
            terminal; with standard input not a terminal (a script, a pipe) it refuses before sending anything \
            unless --yes is given. Needs imodels_delete in the iModel's iTwin. On the simulator the iModel defaults \
            to the sample clone in progress, "Bridge (cloning)": deleting a copy that never finished.
            """)

    @Argument(help: ArgumentHelp("The iModel's id.", valueName: "imodel-id"))
    var iModelId: String?

    @Flag(name: [.customLong("yes"), .customShort("y")], help: "Delete without asking.")
    var yes = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try TextOption.check(iModelId, "<imodel-id>")
    }

    func run() async throws {
        try await DeleteFlow(iModelId: iModelId, yes: yes, confirmation: .standardInput).run(global)
    }
}

/// The steps of `delete`, with the confirmation's input given (tests answer it).
struct DeleteFlow: Sendable {
    var iModelId: String?
    var yes: Bool
    var confirmation: Confirmation

    func run(_ global: GlobalOptions) async throws {
        try await CommandRunner.run(.delete, global) { session in
            if !yes { try confirmation.requireTerminal(toConfirm: "delete the iModel") }
            let id = try session.required(iModelId, "the iModel id", usage: "imodels delete <imodel-id> [--yes]") {
                $0.cloneInProgressIModelId
            }
            session.using(id)
            let model = try await session.client.iModels.iModel(id)
            if !yes {
                let question =
                    "Delete iModel \(TerminalText.line(model.name)) (\(TerminalText.line(model.id)))? [y/N]"
                guard confirmation.ask(question, console: session.console) else {
                    throw ToolError.usage("Not deleted: the answer was not yes.")
                }
            }
            try await session.client.iModels.deleteIModel(id)
            let result = DeleteResult(iModelId: id, name: model.name)
            session.emit(result, text: result.text)
        }
    }
}
