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
            } catch ITwinClientError.missingPermissions(let shortfall) {
                throw ToolError.missingPermissions(TerminalText.line(shortfall.description))
            }
        }
    }

    /// Checks what a run of `configuration` needs: `imodels_read` on its source iModel and `imodels_write` on its
    /// target, each as far as the configuration's links name it (a configuration without links is not checked).
    public func requirePermissions(toRun configuration: TransformationConfiguration) async throws {
        var checks: [(PermissionPreflight, String)] = []
        if let source = configuration.sourceIModelId { checks.append((.transformationSource, source)) }
        if let target = configuration.targetIModelId { checks.append((.transformationTarget, target)) }
        try await requirePermissions(checks)
    }
}
