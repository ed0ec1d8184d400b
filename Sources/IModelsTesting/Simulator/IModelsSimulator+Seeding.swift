import Foundation
import IModelsClient

extension IModelsSimulator {
    /// Adds an iTwin and returns its id (generated when `id` is `nil`).
    @discardableResult
    public func addITwin(_ id: String? = nil, name: String) -> String {
        state.withLock { state in
            let id = id ?? state.ids.guid()
            state.iTwins[id] = ITwinRecord(id: id, name: name)
            return id
        }
    }

    /// Accepts `token` as a `Bearer` token with `permissions` in every iTwin (all of them by default) until
    /// `expiresAt`; after that the simulator answers `401`, as for an unknown token. Permissions given per iTwin
    /// with ``setPermissions(_:for:in:)`` are kept, whichever of the two calls comes first.
    public func addAccessToken(
        _ token: String, permissions: Set<SimulatorPermission> = SimulatorPermission.all, expiresAt: Date? = nil
    ) {
        state.withLock { state in
            var record = TokenRecord(permissions: permissions, expiresAt: expiresAt)
            record.perITwin = state.tokens[token]?.perITwin ?? [:]
            state.tokens[token] = record
        }
    }

    /// Gives `token` exactly `permissions` in one iTwin (others keep the token's default); an empty set makes every
    /// call about that iTwin answer `403 InsufficientPermissions`. This does not make an unknown token accepted:
    /// that takes ``addAccessToken(_:permissions:expiresAt:)``.
    public func setPermissions(_ permissions: Set<SimulatorPermission>, for token: String, in iTwinId: String) {
        state.withLock { state in
            var record = state.tokens[token] ?? TokenRecord(isAccepted: false, permissions: [])
            record.perITwin[iTwinId] = permissions
            state.tokens[token] = record
        }
    }

    /// Stops accepting `token`.
    public func revokeAccessToken(_ token: String) {
        state.withLock { $0.tokens[token] = nil }
    }

    /// Adds an `initialized` iModel with its changesets and returns its id.
    ///
    /// The iTwin is added (named after its id) if it does not exist yet.
    @discardableResult
    public func addIModel(_ seed: SimulatorIModelSeed) -> String {
        let now = clock.now
        return state.withLock { state in
            if state.iTwins[seed.iTwinId] == nil {
                state.iTwins[seed.iTwinId] = ITwinRecord(id: seed.iTwinId, name: seed.iTwinId)
            }
            let id = seed.id ?? state.ids.guid()
            var changesets: [ChangesetRecord] = []
            for index in stride(from: 1, through: seed.changesetCount, by: 1) {
                changesets.append(
                    ChangesetRecord(
                        id: state.ids.changesetId(), index: index, parentId: changesets.last?.id ?? "",
                        description: "Changeset \(index)",
                        pushedAt: now.addingTimeInterval(Double(index - seed.changesetCount) * 3600),
                        fileSize: 1024 * index, briefcaseId: 2))
            }
            state.insertIModel(
                IModelRecord(
                    id: id, iTwinId: seed.iTwinId, name: seed.name, description: seed.description,
                    extent: seed.extent, createdAt: now.addingTimeInterval(-Double(seed.changesetCount + 1) * 3600),
                    changesets: changesets, isMissingFederationGuids: seed.isMissingFederationGuids,
                    elementCount: seed.elementCount,
                    creation: CreationRecord(
                        origin: .seeded, initializedAt: .distantPast, completedAt: .distantPast, outcome: "successful"))
            )
            return id
        }
    }

    /// Sets or clears an iModel's missing-FederationGuids flag (a PopulateFederationGuids run clears it too).
    public func setMissingFederationGuids(_ isMissing: Bool, for iModelId: String) {
        state.withLock { $0.iModels[iModelId]?.isMissingFederationGuids = isMissing }
    }

    /// Makes every later clone or fork of `sourceIModelId` end in the `failed` state (or stops doing so).
    public func setCopiesFail(_ fail: Bool = true, from sourceIModelId: String) {
        state.withLock { state in
            if fail {
                state.failingCopySources.insert(sourceIModelId)
            } else {
                state.failingCopySources.remove(sourceIModelId)
            }
        }
    }

    /// Makes every later transformation run whose target is `iModelId` end `Failed` with `message` halfway
    /// through (or, with `nil`, succeed again). The documentation warns that a failed run may leave its target
    /// unusable.
    public func setTransformationsFail(
        targeting iModelId: String, message: String? = "Simulated transformation failure."
    ) {
        state.withLock { $0.failingTransformationTargets[iModelId] = message }
    }

    /// Answers the next `times` requests with `method` whose path matches `path` with `fault` instead of (or on top
    /// of) the normal answer. Faults are matched in the order they were injected.
    ///
    /// ```swift
    /// simulator.inject(.connectionLostAfterServerActs, on: .post, "/imodels/*/clone")
    /// simulator.inject(.respond(status: 503, headers: ["Retry-After": "2"]), on: .get, "/imodels/**", times: 3)
    /// ```
    public func inject(_ fault: SimulatorFault, on method: HTTPMethod, _ path: PathPattern, times: Int = 1) {
        guard times > 0 else { return }
        state.withLock { $0.faults.append(FaultRule(fault: fault, method: method, path: path, remaining: times)) }
    }

    /// Forgets every fault not used yet.
    public func removeAllFaults() {
        state.withLock { $0.faults.removeAll() }
    }
}
