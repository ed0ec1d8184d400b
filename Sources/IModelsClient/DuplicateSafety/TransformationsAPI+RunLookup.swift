import Foundation

extension TransformationsAPI {
    /// What a run looks up after an unknown outcome: a run of the configuration
    /// (`GET /transformations/?configurationId=`, in full, every page) created inside the request's window, nearest
    /// the send.
    ///
    /// A run that an earlier call of this client returned (``StartedRuns``) is left out: by creation date alone, a run
    /// queued a moment after another of the same configuration looks the same as that other run.
    func runLookup(of configurationId: String) -> CreationLookup<Transformation> {
        CreationLookup(
            list: listTransformationsEndpoint(configurationId),
            collectionKey: TransformationsContract.transformationsKey, createdAt: { $0.createdDateTime },
            isOurs: { [startedRuns] run, _ in !startedRuns.contains(run.id) })
    }
}
