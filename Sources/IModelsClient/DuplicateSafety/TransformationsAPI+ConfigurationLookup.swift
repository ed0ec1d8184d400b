import Foundation

extension TransformationsAPI {
    /// What a configuration creation looks up after an unknown outcome: a configuration with the same `transformName`
    /// and the same source and target iModels and projects, created inside the request's window.
    ///
    /// The v1 list (`GET /transformations/configurations?projectId=`, whose `projectId` is "source or target project
    /// ID of the configurations") takes only `projectId`, `$top` and `$skip`: it has no name filter, and the
    /// documentation gives no order. So the SDK lists the **target** project's configurations in full
    /// (`Prefer: return=representation`, for `createdDateTime` and `_links`), follows every page, and compares each
    /// itself: the name exactly, the ids without regard to case, read from `_links` (seed `004`: `sourceIModel`,
    /// `targetIModel`, `sourceProject`, `targetProject`). A configuration without those links cannot prove it is this
    /// request's and is not taken. The `transformType` is not compared: name and ids are what identify the request,
    /// and a type the service spells in a way this SDK does not know yet must not lead to a second configuration.
    /// The `transformParameters` are not compared either: the service may answer them in another form than they were
    /// sent (defaults filled in, members reordered, a shape this SDK decodes leniently), so comparing them could miss
    /// the request's own configuration and make a second one, the very thing the lookup prevents. Name, ids and the
    /// creation window identify it; two configurations of another client with the same name and iModels created
    /// inside the same window are reported as ambiguous rather than guessed.
    /// `IModelsSimulator` lists configurations the same way.
    func configurationLookup(
        _ body: TransformationsRequestBodies.Configuration
    ) -> CreationLookup<TransformationConfiguration> {
        CreationLookup(
            list: listConfigurationsEndpoint(inProject: body.targetProjectId),
            collectionKey: TransformationsContract.configurationsKey, createdAt: { $0.createdDateTime },
            isOurs: { candidate, _ in
                let ids = [
                    (candidate.sourceProjectId, body.sourceProjectId), (candidate.sourceIModelId, body.sourceIModelId),
                    (candidate.targetProjectId, body.targetProjectId), (candidate.targetIModelId, body.targetIModelId),
                ]
                return candidate.transformName == body.transformName
                    && ids.allSatisfy { found, asked in found.map { ResourceID.same($0, asked) } ?? false }
            })
    }
}
