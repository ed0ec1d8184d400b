extension IModelsRequestBodies {
    /// `POST /imodels/{id}/namedversions`: `name` (required), `description`, `changesetId` (absent: the baseline).
    struct CreateNamedVersion: Encodable {
        var name: String
        var description: String?
        var changesetId: String?
    }

    /// `PATCH /imodels/{id}/namedversions/{namedVersionId}`: only the fields to change.
    struct UpdateNamedVersion: Encodable {
        var name: String?
        var description: String?
        var state: NamedVersionState?
    }

    /// `POST /imodels` with `creationMode: "fromiModelVersion"` and a `template`.
    struct CreateFromTemplate: Encodable {
        /// `template`: the iModel and, optionally, the changeset whose state becomes the new baseline.
        struct Template: Encodable {
            var iModelId: String
            var changesetId: String?
        }

        var iTwinId: String
        var name: String
        var description: String?
        var creationMode = "fromiModelVersion"
        var template: Template
    }
}

extension IModelsEnvelopes {
    /// `{"namedVersion": {…}}`.
    struct NamedVersionBody: Decodable { var namedVersion: NamedVersion }
}
