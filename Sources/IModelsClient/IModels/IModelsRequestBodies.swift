/// The JSON bodies the iModels API takes. `nil` fields are omitted, never sent as `null`.
enum IModelsRequestBodies {
    /// `POST /imodels/{id}/clone` and `POST /imodels/{id}/fork`.
    struct Copy: Encodable {
        var iTwinId: String
        var name: String?
        var description: String?
        var changesetId: String?
        var changesetIndex: Int?
        var preserveHistory: Bool?
        var containersEnabled: Int?

        init(
            iTwinId: String, name: String?, description: String?, upTo point: ChangesetPoint, preserveHistory: Bool?,
            containersEnabled: Int? = nil
        ) throws {
            self.iTwinId = iTwinId
            self.name = name
            self.description = description
            self.preserveHistory = preserveHistory
            self.containersEnabled = containersEnabled
            switch point {
            case .latest: break
            case .baselineOnly: changesetIndex = 0
            case .changesetId(let id): changesetId = id
            case .changesetIndex(let index): changesetIndex = index
            // Resolved to one of the above before a body is built (`IModelsAPI.resolved(_:of:)`): a body without a
            // changeset would copy everything, so an unresolved one is refused rather than sent.
            case .namedVersion(let id):
                throw ITwinClientError.invalidRequest(
                    "named version \(id) must be read for its changeset before the copy request is built.")
            }
        }
    }

    /// `POST /imodels` for an empty iModel.
    struct CreateEmpty: Encodable {
        var iTwinId: String
        var name: String
        var description: String?
        var creationMode = "empty"
    }
}
