import Foundation
import IModelsClient

extension IModelsSimulator {
    /// Adds a named version to an iModel and returns its id, or `nil` when there is no such iModel or changeset.
    ///
    /// `changesetIndex` 0 names the baseline. The simulator's rules of creation are not checked here (a test may seed
    /// what the service would refuse), except that the changeset must exist.
    @discardableResult
    public func addNamedVersion(
        to iModelId: String, name: String, description: String? = nil, changesetIndex: Int = 0,
        state versionState: NamedVersionState = .visible
    ) -> String? {
        let now = clock.now
        return state.withLock { simulated -> String? in
            guard let record = simulated.iModels[iModelId] else { return nil }
            var changesetId: String?
            if changesetIndex != 0 {
                guard let changeset = record.changesets.first(where: { $0.index == changesetIndex }) else { return nil }
                changesetId = changeset.id
            }
            let id = simulated.ids.guid()
            simulated.iModels[iModelId]?.namedVersions.append(
                NamedVersionRecord(
                    id: id, name: name, description: description, changesetId: changesetId,
                    changesetIndex: changesetIndex, state: versionState.rawValue, createdAt: now))
            return id
        }
    }

    /// The named versions of an iModel, in creation order (empty for an unknown iModel), with what the full
    /// representation holds but links.
    public func namedVersions(of iModelId: String) -> [NamedVersion] {
        state.withLock { simulated in
            (simulated.iModels[iModelId]?.namedVersions ?? []).map {
                NamedVersion(
                    id: $0.id, name: $0.name, description: $0.description, changesetId: $0.changesetId,
                    changesetIndex: $0.changesetIndex, createdDateTime: $0.createdAt,
                    state: NamedVersionState(rawValue: $0.state),
                    application: Changeset.Application(id: $0.application.id, name: $0.application.name))
            }
        }
    }
}
