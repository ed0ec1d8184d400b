import Foundation

extension IModelsAPI {
    /// The caller's permissions on an iModel (`GET /imodels/{id}/permissions` → `{"permissions": […]}`).
    ///
    /// The service answers with the permissions configured on this iModel, or the iTwin's when the iModel has none
    /// of its own; it needs `imodels_webview`. A permission the SDK does not know decodes too (see
    /// ``IModelPermission``). To check what an operation needs before starting it, use
    /// ``requirePermissions(_:on:)``.
    public func permissions(of iModelId: String) async throws -> Set<IModelPermission> {
        let endpoint = Endpoint(
            operation: "getIModelPermissions", api: .iModels, method: .get,
            target: .path([.id(iModelId, name: "iModelId"), .literal("permissions")]))
        return Set(try await pipeline.send(endpoint, as: IModelsEnvelopes.PermissionsBody.self).permissions)
    }

    /// What the caller lacks on the iModel for one side of an operation: empty when the preflight passes.
    ///
    /// Reads ``permissions(of:)``, and when the preflight has ``PermissionPreflight/requiredWhenSecured``, the iModel
    /// too (whether it has iModel-level permissions). See ``PermissionPreflight`` for what this can and cannot tell.
    public func missingPermissions(for preflight: PermissionPreflight, on iModelId: String) async throws
        -> Set<IModelPermission>
    {
        try await preflightCheck(preflight, on: iModelId).missing
    }

    /// The permissions the preflight needs on this iModel (the secured set on an iModel with iModel-level
    /// permissions) and those of them the caller lacks.
    private func preflightCheck(_ preflight: PermissionPreflight, on iModelId: String) async throws -> (
        required: Set<IModelPermission>, missing: Set<IModelPermission>
    ) {
        let granted = try await permissions(of: iModelId)
        var required = preflight.required
        if let whenSecured = preflight.requiredWhenSecured, !required.isSubset(of: granted),
            try await iModel(iModelId).isSecured == true
        {
            required = whenSecured
        }
        return (required, required.subtracting(granted))
    }

    /// Throws ``ITwinClientError/missingPermissions(_:)`` naming the missing permissions when the caller lacks what
    /// the preflight needs on the iModel, before the operation itself is sent; returns when nothing is missing.
    ///
    /// For example, before a clone: `try await client.iModels.requirePermissions(.cloneSource, on: sourceId)` fails
    /// with "clone needs imodels_manage on the source iModel 3f…; the caller lacks imodels_manage." The target iTwin
    /// is not checked (see ``PermissionPreflight``).
    public func requirePermissions(_ preflight: PermissionPreflight, on iModelId: String) async throws {
        let (required, missing) = try await preflightCheck(preflight, on: iModelId)
        guard !missing.isEmpty else { return }
        throw ITwinClientError.missingPermissions(
            PermissionShortfall(preflight: preflight, iModelId: iModelId, required: required, missing: missing))
    }
}

extension IModelsEnvelopes {
    /// `{"permissions": ["imodels_read", …]}`.
    struct PermissionsBody: Decodable { var permissions: [IModelPermission] }
}
