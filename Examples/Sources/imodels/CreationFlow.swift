import IModelsCLI
import IModelsClient

/// What `clone` and `fork` do once the service accepted the request: say so, wait (unless `--no-wait`), print.
enum CreationFlow {
    static func finish(
        kind: String, creation: IModelCreation, options: CreationWaitOptions, session: Session,
        started: ContinuousClock.Instant
    ) async throws {
        if options.noWait {
            session.note(
                FollowUp.accepted(kind: kind, iModelId: creation.iModelId, onSimulator: session.onSimulator))
            let result = CreationResult(
                kind: kind, creation: creation, milestone: nil, iModel: nil, createOperation: nil,
                elapsedSeconds: seconds(since: started))
            session.emit(result, text: result.text)
            return
        }
        let (model, _) = try await session.waitUntilCreated(
            creation.iModelId, kind: kind, until: options.milestone.milestone, timeout: options.timeoutDuration,
            announce: "Accepted: the \(kind) is iModel \(TerminalText.line(creation.iModelId)). Waiting until it is "
                + "\(options.milestone.rawValue) (Ctrl-C stops waiting).")
        let operation = try await session.client.iModels.createOperation(of: creation.iModelId)
        let result = CreationResult(
            kind: kind, creation: creation, milestone: options.milestone.rawValue, iModel: model,
            createOperation: operation, elapsedSeconds: seconds(since: started))
        session.emit(result, text: result.text)
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
