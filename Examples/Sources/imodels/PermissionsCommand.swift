import ArgumentParser
import IModelsCLI
import IModelsClient

/// `imodels permissions`: what the caller may do on an iModel.
struct PermissionsCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "permissions",
        abstract: "List the caller's permissions on an iModel (what clone, fork, import, update and delete need).",
        discussion: """
            The service answers with the permissions configured on the iModel, or its iTwin's when the iModel has \
            none of its own; it needs imodels_webview. clone and fork need imodels_manage, import imodels_read on \
            the source and imodels_write on the target, and they check this before sending anything. On the \
            simulator the iModel defaults to the sample Bridge.
            """)

    @Argument(help: ArgumentHelp("The iModel's id.", valueName: "imodel-id"))
    var iModelId: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try TextOption.check(iModelId, "<imodel-id>")
    }

    func run() async throws {
        try await CommandRunner.run(.permissions, global) { session in
            let id = try session.required(iModelId, "the iModel id", usage: "imodels permissions <imodel-id>") {
                $0.bridgeIModelId
            }
            session.using(id)
            let result = PermissionList(iModelId: id, permissions: try await session.client.iModels.permissions(of: id))
            session.emit(result, text: result.text)
        }
    }
}
