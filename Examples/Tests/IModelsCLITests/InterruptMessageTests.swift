import Foundation
import IModelsCLI
import IModelsClient
import IModelsTesting
import Testing

@Suite("What Ctrl-C says it stopped waiting for")
struct InterruptMessageTests {
    /// A session on a virtual clock that never moves: its waits go on until they are cancelled, however busy the
    /// machine is.
    private func session() async throws -> (Session, VirtualClock) {
        let console = Console(progressStream: .standardError, progressIsTerminal: false, write: { _, _ in })
        let clock = VirtualClock()
        let session = try await Session(
            options: Session.Options(environment: .production, json: false, verbose: false, credentials: .simulator),
            console: console, clock: clock)
        return (session, clock)
    }

    /// Starts `wait`, stops it as Ctrl-C would (cancelling its task) once it polls (sleeps on `clock`), and returns
    /// the message and the JSON `message` of the interruption.
    private func interrupt(
        _ session: Session, _ clock: VirtualClock, _ wait: @escaping @Sendable () async throws -> Void
    ) async throws -> String {
        let task = Task { try await wait() }
        // A generous ceiling: the wait sleeps between polls at once; a busy machine may start it late.
        let deadline = ContinuousClock.now + .seconds(30)
        while clock.sleeperCount == 0 && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(clock.sleeperCount > 0, "the wait did not start polling")
        task.cancel()
        _ = await task.result
        let interruption = session.interruption.withLock { $0 }
        let report = ErrorReport(interruption, command: .wait, onSimulator: true)
        #expect(report.message == interruption.description)
        return interruption.description
    }

    @Test("a creation's wait names the full iModel id, as `wait`, `clone` and `demo` wait")
    func creation() async throws {
        let (session, clock) = try await session()
        let id = try #require(session.world?.samples.cloneInProgressIModelId)
        let message = try await interrupt(session, clock) {
            _ = try await session.waitUntilCreated(id, kind: "iModel", until: .completed, timeout: .seconds(30))
        }
        #expect(message == "Interrupted: stopped waiting for the iModel \(id) to be completed.")
        #expect(!message.contains("…"))
    }

    @Test("a run's wait names the full run id, as `run` and `transformation --wait` wait")
    func run() async throws {
        let (session, clock) = try await session()
        let id = try #require(session.world?.samples.runInProgressId)
        let message = try await interrupt(session, clock) {
            _ = try await session.waitUntilFinished(id, kind: "run", timeout: .seconds(30))
        }
        #expect(message == "Interrupted: stopped waiting for the run \(id) to finish.")
        #expect(session.interruption.withLock { $0.checkCommand } == "imodels transformation \(id)")
    }
}

extension InterruptMessageTests {
    static let cloneInProgress = "b0eb094e-6f1d-4f73-a0cc-b6a06cd2330e"
    static let runInProgress = "78788347-6866-4743-afbd-96359554aa53"

    @Test(
        "Ctrl-C: exit code 130, and the message and the JSON message name the full id",
        arguments: [
            (["wait"], cloneInProgress), (["transformation", "--wait"], runInProgress), (["clone"], nil),
            (["run"], nil),
        ])
    func endToEnd(arguments: [String], id: String?) async throws {
        for json in [false, true] {
            let outcome = try await ToolProcess.run(
                arguments + (json ? ["--json"] : []), interruptOn: "Ctrl-C stops waiting")
            #expect(outcome.status == 130, "\(arguments) \(outcome.standardError)")
            let line = try #require(
                outcome.standardError.split(separator: "\n").first { $0.contains("Interrupted: stopped waiting for") })
            #expect(!line.contains("…"), "\(line)")
            if let id { #expect(line.contains(id), "\(line)") }
            // The id of what `clone` and `run` started, as printed when it was accepted.
            let started = outcome.standardOutput + outcome.standardError
            let uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/
            let waitedFor = try #require(line.firstMatch(of: uuid)).output
            #expect(started.contains("Accepted: the clone is iModel \(waitedFor)") || arguments != ["clone"])
            #expect(started.contains("Started run \(waitedFor)") || arguments != ["run"])
        }
    }
}
