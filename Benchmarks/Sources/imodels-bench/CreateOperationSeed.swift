import Foundation

/// The `200` answer of `GET /imodels/{id}/operations/create` as the API page documents it: the bytes every side
/// of the call-overhead benchmark decodes.
enum CreateOperationSeed {
    /// The iModel id the example names.
    static let iModelId = "5e19bee0-3aea-4355-a9f0-c6df9989ee7d"
    /// The media type the service answers with.
    static let contentType = "application/vnd.bentley.itwin-platform.v2+json"
    /// The documented body.
    static let body = Data(
        """
        {
            "createOperation": {
                "state": "scheduled",
                "clonedFrom": {
                    "iModelId": "5e19bee0-3aea-4355-a9f0-c6df9989ee7d",
                    "changesetId": "13a61888798b687d41f7c748d7414b428766281f"
                },
                "forkedFrom": null
            }
        }
        """.utf8)
}
