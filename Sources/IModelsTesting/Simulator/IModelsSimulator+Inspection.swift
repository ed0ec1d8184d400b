import Foundation
import IModelsClient

extension IModelsSimulator {
    /// The iModels of an iTwin (every iModel when `iTwinId` is `nil`), in creation order, as of the clock's `now`.
    public func iModels(in iTwinId: String? = nil) -> [IModel] {
        read { state, now in
            state.iModelOrder.compactMap { state.iModels[$0] }
                .filter { iTwinId == nil || $0.iTwinId == iTwinId }
                .map { Self.model($0, now: now) }
        }
    }

    /// One iModel as of the clock's `now`, or `nil` when there is none (or it was deleted).
    public func iModel(_ iModelId: String) -> IModel? {
        read { state, now in state.iModels[iModelId].map { Self.model($0, now: now) } }
    }

    /// The changesets of an iModel, oldest first (empty for an unknown iModel), with what the full representation
    /// holds but links.
    public func changesets(of iModelId: String) -> [Changeset] {
        read { state, _ in
            (state.iModels[iModelId]?.changesets ?? []).map {
                Changeset(
                    id: $0.id, index: $0.index, description: $0.description, parentId: $0.parentId,
                    creatorId: SimulatorState.userId, pushDateTime: $0.pushedAt, fileSize: $0.fileSize,
                    briefcaseId: $0.briefcaseId,
                    application: Changeset.Application(id: $0.application.id, name: $0.application.name))
            }
        }
    }

    /// The create operation of an iModel as of the clock's `now`, or `nil` for an unknown iModel.
    public func createOperation(of iModelId: String) -> CreateOperation? {
        read { state, now in
            guard let record = state.iModels[iModelId] else { return nil }
            var operation = CreateOperation(
                state: CreateOperationState(rawValue: record.creation.operationState(at: now)))
            switch record.creation.origin {
            case .seeded, .empty:
                break
            case .clone(let sourceId, let changesetId):
                operation.clonedFrom = ClonedFrom(iModelId: sourceId, changesetId: changesetId)
            case .fork(let mainId, let changesetId, let relationshipId):
                operation.forkedFrom = ForkedFrom(
                    iModelId: mainId, changesetId: changesetId, relationshipId: relationshipId)
            }
            return operation
        }
    }

    /// Whether the iModel is flagged as missing FederationGuids.
    public func isMissingFederationGuids(_ iModelId: String) -> Bool {
        read { state, _ in state.iModels[iModelId]?.isMissingFederationGuids ?? false }
    }

    /// Every request received so far, in order, with `Authorization` redacted.
    public var requestLog: [SimulatorLogEntry] { state.withLock { $0.log } }

    /// Forgets the request log.
    public func clearRequestLog() { state.withLock { $0.log.removeAll() } }

    /// The Subjects that ImportIModel runs created in an iModel, in the order they were first imported.
    public func subjects(of iModelId: String) -> [SimulatorSubject] {
        read { state, _ in
            (state.iModels[iModelId]?.subjects ?? []).map {
                SimulatorSubject(codeValue: $0.codeValue, userLabel: $0.userLabel, elementCount: $0.elementCount)
            }
        }
    }

    /// The ids of the iModels merged into an iModel by MergeIModel runs, in the order the runs succeeded.
    public func merges(into iModelId: String) -> [String] {
        read { state, _ in state.iModels[iModelId]?.merges ?? [] }
    }

    /// The ids of every transformation configuration, in creation order.
    public var configurationIds: [String] { read { state, _ in state.configurationOrder } }

    /// The runs of a configuration as of the clock's `now`, oldest first.
    public func transformations(of configurationId: String) -> [Transformation] {
        read { state, now in
            state.runOrder.compactMap { state.runs[$0] }.filter { $0.configurationId == configurationId }
                .map { run in
                    Transformation(
                        id: run.id, status: TransformationStatus(rawValue: state.status(of: run, now: now)),
                        errorMessage: state.status(of: run, now: now) == "Failed" ? run.failureMessage : nil,
                        processedElementCount: state.processedElements(of: run, now: now),
                        totalElementCount: run.totalElementCount, createdDateTime: run.createdAt,
                        sourceChangeSetId: run.sourceChangesetId, lastTargetChangesetPushed: run.pushedChangesetId)
                }
        }
    }

    /// Reads the state as of the clock's `now`, after applying what finished transformation runs changed.
    private func read<Value>(_ body: (SimulatorState, Date) -> Value) -> Value {
        let now = clock.now
        return state.withLock { state in
            state.applyFinishedRuns(now: now)
            return body(state, now)
        }
    }

    private static func model(_ record: IModelRecord, now: Date) -> IModel {
        IModel(
            id: record.id, name: record.name, description: record.description,
            state: IModelState(rawValue: record.creation.iModelState(at: now)), createdDateTime: record.createdAt,
            lastChangesetPushDateTime: record.changesets.last?.pushedAt, iTwinId: record.iTwinId,
            extent: record.extent, containersEnabled: record.containersEnabled, dataCenterLocation: "East US",
            geographicCoordinateSystem: record.horizontalCRSId.map(IModel.GeographicCoordinateSystem.init))
    }
}
