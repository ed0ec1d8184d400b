/// The ids of the runs a client's ``TransformationsAPI/run(configurationId:enableQueueing:)`` calls returned, so the
/// lookup after an unknown outcome never takes a run an earlier call started (and returned) for the one this call may
/// have started: by creation date alone, a run queued a moment after another of the same configuration looks the
/// same as that other run.
///
/// Keeps the most recent ``limit`` ids; older runs are far outside the lookup's date window anyway.
final class StartedRuns: Sendable {
    /// How many ids are kept.
    static let limit = 1_000

    private let state = Locked<(order: [String], ids: Set<String>)>(([], []))

    /// Notes a run returned to a caller.
    func record(_ id: String) {
        state.withLock { state in
            let key = ResourceID.key(id)
            guard state.ids.insert(key).inserted else { return }
            state.order.append(key)
            if state.order.count > Self.limit {
                state.ids.remove(state.order.removeFirst())
            }
        }
    }

    /// Whether a call of this client already returned the run.
    func contains(_ id: String) -> Bool {
        state.withLock { $0.ids.contains(ResourceID.key(id)) }
    }
}
