import IModelsClient

extension Session {
    /// Checks, before a command sends anything that creates or changes something, that the caller has what each
    /// `(preflight, iModelId)` pair needs (``IModelsAPI/requirePermissions(_:on:)``: `GET /imodels/{id}/permissions`,
    /// and the iModel when it may have iModel-level permissions).
    ///
    /// A permission found missing ends the command with ``ToolError/missingPermissions(_:)`` (exit code 3, like the
    /// `403` the service would answer), whose message names the operation, the iModel and the missing permission, for
    /// example "clone needs imodels_manage on the source iModel b71d…; the caller lacks imodels_manage.". The checks
    /// run one after the other, so the first missing permission is the one reported. The target iTwin of a clone or a
    /// fork cannot be checked this way (see ``PermissionPreflight``): the service may still refuse it.
    public func requirePermissions(_ checks: [(PermissionPreflight, String)]) async throws {
        for (preflight, iModelId) in checks {
            do {
                try await client.iModels.requirePermissions(preflight, on: iModelId)
            } catch ITwinClientError.invalidRequest(let message) {
                throw ToolError.missingPermissions(TerminalText.line(message))
            }
        }
    }
}
