import Foundation

extension IModelsAPI {
    /// The duplicate-safe lookup of iModels named `name` in an iTwin: `GET /imodels?iTwinId=…&name=…` with
    /// `Prefer: return=representation` (for `createdDateTime`), every page, keeping those created inside the request's
    /// window for which `isOurs` holds.
    ///
    /// No `$orderBy` is sent: the service refuses a second iModel of one name in an iTwin (`409 iModelExists`), so the
    /// `name` filter leaves at most one iModel, and the lookup reads every page whatever their order.
    func iModelLookup(
        in iTwinId: String, named name: String,
        isOurs: @escaping @Sendable (IModel, CreationWindow) async throws -> Bool
    ) -> CreationLookup<IModel> {
        CreationLookup(
            list: listEndpoint(in: iTwinId, name: name, representation: true), collectionKey: "iModels",
            createdAt: { $0.createdDateTime }, isOurs: isOurs)
    }

    /// What an empty iModel's creation (`createIModel`) looks up after an unknown outcome: an iModel in the iTwin
    /// with exactly the name asked (compared here too, so a service that ignored the filter could not hand over
    /// another iModel), created inside the request's window. The name is all that tells it apart: the service keeps
    /// it unique in the iTwin.
    ///
    /// A `POST /imodels` never makes a clone or a fork, so a candidate whose create operation names a source
    /// (`clonedFrom` or `forkedFrom`: a copy another client made under that name in the window) is not ours.
    func createdIModelLookup(in iTwinId: String, named name: String) -> CreationLookup<IModel> {
        iModelLookup(in: iTwinId, named: name) { candidate, _ in
            guard candidate.name == name else { return false }
            let operation = try await createOperation(of: candidate.id)
            return operation.clonedFrom == nil && operation.forkedFrom == nil
        }
    }
}
