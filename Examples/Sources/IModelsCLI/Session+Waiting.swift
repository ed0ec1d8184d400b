import Foundation
import IModelsClient

extension Session {
    /// Waits until an iModel reaches `milestone`, showing the create operation's state as the SDK reports it, and
    /// returns the iModel with the seconds since `start` (by default, since the wait began).
    public func waitUntilCreated(
        _ iModelId: String, label: String, until milestone: CreationMilestone, timeout: Duration,
        since start: Date = Date()
    ) async throws -> (IModel, Double) {
        let name = milestone == .initialized ? "initialized" : "completed"
        waiting(for: "\(label) to be \(name)", check: "imodels status \(iModelId)")
        let progress = self.progress
        progress.begin(label, .creation(iModelId: iModelId), since: start)
        do {
            let model = try await client.iModels.waitUntilCreated(iModelId, until: milestone, timeout: timeout) {
                progress.update($0)
            }
            let elapsed = progress.elapsed
            progress.finish("\(label): \(name) after \(TextFormat.seconds(elapsed))")
            return (model, elapsed)
        } catch {
            progress.finish()
            throw error
        }
    }

    /// Waits until a run finishes, showing its status and counts as the SDK reports them, and returns it
    /// (`Succeeded`) with the seconds waited.
    public func waitUntilFinished(_ runId: String, label: String, timeout: Duration) async throws
        -> (Transformation, Double)
    {
        waiting(for: "\(label) to finish", check: "imodels transformation \(runId)")
        let progress = self.progress
        progress.begin(label, .run(id: runId))
        do {
            let run = try await client.transformations.waitUntilFinished(runId, timeout: timeout) {
                progress.update($0)
            }
            let elapsed = progress.elapsed
            progress.finish("\(label): \(ProgressLine.runState(run)) after \(TextFormat.seconds(elapsed))")
            return (run, elapsed)
        } catch {
            progress.finish()
            throw error
        }
    }

    /// Records what the command is waiting for, for the message Ctrl-C prints.
    public func waiting(for what: String, check: String?) {
        interruption.withLock { $0 = InterruptedError(waitingFor: what, checkCommand: check) }
    }
}
