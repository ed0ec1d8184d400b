import Foundation

extension IModelsAPI {
    /// What a named version's creation looks up after an unknown outcome: the iModel's named versions with that name
    /// (`GET /imodels/{id}/namedversions?name=…`, in full for `createdDateTime`, every page), keeping one with exactly
    /// that name (compared here too, so a service that ignored the filter could not hand over another version) on the
    /// changeset asked (ids compared without regard to case; both the baseline when `changesetId` is `nil`), created
    /// inside the request's window. The service keeps names unique in an iModel.
    func namedVersionLookup(
        of iModelId: String, named name: String, changesetId: String?
    ) -> CreationLookup<NamedVersion> {
        CreationLookup(
            list: namedVersionsEndpoint(iModelId, query: [("name", name)]), collectionKey: "namedVersions",
            createdAt: { $0.createdDateTime },
            isOurs: { candidate, _ in
                guard candidate.name == name else { return false }
                guard let changesetId else { return candidate.isBaseline }
                return !candidate.isBaseline && ResourceID.same(candidate.changesetId ?? "", changesetId)
            })
    }
}
