import Foundation

extension IModelsAPI {
    /// Changes an iModel's name, description or extent (`PATCH /imodels/{id}`) and returns the iModel as updated.
    ///
    /// Only the fields given are sent (`nil` leaves a field as it is); at least one is needed. The name must not be
    /// blank and, like the description, is at most 255 UTF-16 code units; an empty description (`""`) clears it. The
    /// extent's latitudes must be in −90...90 and its longitudes in −180...180. Bad input throws
    /// ``ITwinClientError/invalidRequest(_:)`` before anything is sent. The service answers `200` with the iModel;
    /// it needs `imodels_manage` on the iModel (or its iTwin), and refuses a name another iModel of the iTwin has with
    /// `409 iModelExists`.
    ///
    /// **Retries.** The update sets fields to the values given, so sending it twice has the effect of sending it once:
    /// unlike other non-GET requests it is retried after a `5xx`, a timeout or a lost connection (with the client's
    /// ``RetryPolicy``), as well as after a `429`. Should a retry of a rename meet `409 iModelExists` because the
    /// lost first attempt already gave the iModel that name, the SDK reads the iModel and returns it when every field
    /// asked for is already in place; otherwise the `409` is thrown.
    public func updateIModel(
        _ iModelId: String, name: String? = nil, description: String? = nil, extent: IModelExtent? = nil
    ) async throws -> IModel {
        try InputValidation.id(iModelId, named: "iModelId")
        guard name != nil || description != nil || extent != nil else {
            throw ITwinClientError.invalidRequest(
                "updateIModel needs at least one of name, description and extent.")
        }
        try InputValidation.optional(name, named: "name", absentMeans: "keep the iModel's name")
        try InputValidation.nameAndDescription(name: name, description: description)
        if let extent { try InputValidation.extent(extent) }
        let body = IModelsRequestBodies.Update(name: name, description: description, extent: extent)
        let endpoint = Endpoint(
            operation: "updateIModel", api: .iModels, method: .patch,
            target: .path([.id(iModelId, name: "iModelId")]), body: try pipeline.encode(body), isIdempotent: true)
        do {
            return try await pipeline.send(endpoint, as: IModelsEnvelopes.IModelBody.self).iModel
        } catch let error as ITwinClientError {
            guard name != nil, let api = error.apiError, api.status == 409, api.code == .iModelExists else {
                throw error
            }
            // A lost first attempt may have renamed the iModel already: then the update is done.
            let current = try await iModel(iModelId)
            guard body.isApplied(to: current) else { throw error }
            return current
        }
    }
}

extension IModelsRequestBodies {
    /// `PATCH /imodels/{id}`: the fields to change; `nil` ones are omitted.
    struct Update: Encodable {
        var name: String?
        var description: String?
        var extent: IModelExtent?

        /// Whether the iModel already has every field this update sets.
        func isApplied(to model: IModel) -> Bool {
            (name == nil || model.name == name)
                && (description == nil || (model.description ?? "") == description)
                && (extent == nil || model.extent == extent)
        }
    }
}

extension InputValidation {
    /// An extent: latitudes in −90...90 and longitudes in −180...180 (finite numbers), the ranges the service
    /// checks ("Valid 'latitude' value range is -90 to 90").
    static func extent(_ extent: IModelExtent) throws {
        for (corner, point) in [("southWest", extent.southWest), ("northEast", extent.northEast)] {
            guard (-90...90).contains(point.latitude) else {
                throw ITwinClientError.invalidRequest(
                    "extent.\(corner).latitude must be in -90...90 (got \(point.latitude)).")
            }
            guard (-180...180).contains(point.longitude) else {
                throw ITwinClientError.invalidRequest(
                    "extent.\(corner).longitude must be in -180...180 (got \(point.longitude)).")
            }
        }
    }
}
