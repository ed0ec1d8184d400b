import Foundation
import IModelsClient

extension Session {
    /// Waits until an iModel reaches `milestone`, showing the create operation's state as the SDK reports it, and
    /// returns the iModel with the seconds since `start` (by default, since the wait began).
    ///
    /// `kind` (`"clone"`, `"fork"`, `"iModel"`) starts the progress line, with the id shortened
    /// (`clone 3c2e9a1b…`); what Ctrl-C says it stopped waiting for names the full id. `announce`, if given, is
    /// noted once Ctrl-C would say so (so a Ctrl-C right after it names what is waited for).
    public func waitUntilCreated(
        _ iModelId: String, kind: String, until milestone: CreationMilestone, timeout: Duration,
        since start: Date = Date(), announce: String? = nil
    ) async throws -> (IModel, Double) {
        let name = milestone == .initialized ? "initialized" : "completed"
        let label = "\(kind) \(TextFormat.shortId(iModelId))"
        waiting(
            for: "the \(kind) \(TerminalText.line(iModelId)) to be \(name)",
            check: ShellWord.command("imodels", "status", iModelId))
        if let announce { note(announce) }
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
    ///
    /// `kind` (`"run"`) starts the progress line, with the id shortened; what Ctrl-C says names the full id.
    /// `announce`, if given, is noted once Ctrl-C would say so.
    public func waitUntilFinished(_ runId: String, kind: String, timeout: Duration, announce: String? = nil)
        async throws -> (Transformation, Double)
    {
        let label = "\(kind) \(TextFormat.shortId(runId))"
        waiting(
            for: "the \(kind) \(TerminalText.line(runId)) to finish",
            check: ShellWord.command("imodels", "transformation", runId))
        if let announce { note(announce) }
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
