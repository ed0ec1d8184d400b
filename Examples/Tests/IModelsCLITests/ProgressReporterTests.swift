import Foundation
import IModelsCLI
import IModelsClient
import IModelsTesting
import Testing

@Suite("Progress from the SDK's callbacks")
struct ProgressReporterTests {
    @Test("creation updates: one plain line per change of state; runs and updates after the wait are ignored")
    func creationLines() {
        let (console, written) = recordingConsole(terminal: false)
        let reporter = ProgressReporter(console: console)
        reporter.begin("clone m", .creation(iModelId: "m"))
        reporter.update(CreateOperation(state: .scheduled))
        reporter.update(CreateOperation(state: .scheduled))
        reporter.update(Transformation(id: "r", status: .started))
        reporter.update(CreateOperation(state: .successful))
        reporter.finish("clone m: completed")
        reporter.update(CreateOperation(state: .failed))
        let lines = written.withLock { $0 }
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("["))
        #expect(lines[0].hasSuffix("] clone m: scheduled\n"))
        #expect(lines[1].hasSuffix("] clone m: successful\n"))
        #expect(lines[2] == "clone m: completed\n")
    }

    @Test("a run's line ignores create operations")
    func runIgnoresCreations() {
        let (console, written) = recordingConsole(terminal: false)
        let reporter = ProgressReporter(console: console)
        reporter.begin("run r", .run(id: "r"))
        reporter.update(CreateOperation(state: .scheduled))
        #expect(reporter.line.hasPrefix("run r: waiting for the first poll ("))
        reporter.finish()
        #expect(written.withLock { $0 }.isEmpty)
    }

    @Test("the pending text until the first update; the state carries over to the same iModel's next milestone")
    func pendingAndCarryOver() {
        let (console, _) = recordingConsole(terminal: false)
        let reporter = ProgressReporter(console: console)
        reporter.begin("fork f", .creation(iModelId: "f"), pending: "in progress")
        #expect(reporter.line.hasPrefix("fork f: in progress ("))
        reporter.update(CreateOperation(state: .mainIModelIsMissingFederationGuids))
        #expect(reporter.line.hasPrefix("fork f: mainIModelIsMissingFederationGuids ("))
        reporter.finish()

        reporter.begin("clone m", .creation(iModelId: "m"))
        #expect(reporter.line.hasPrefix("clone m: waiting for the first poll ("))
        reporter.update(CreateOperation(state: .scheduled))
        reporter.finish()
        reporter.begin("clone m", .creation(iModelId: "m"))
        #expect(reporter.line.hasPrefix("clone m: scheduled ("))
        reporter.finish()
    }

    /// Waits until the ticker has drawn `text`, which it does at once; the 60 s limit is only there so that a
    /// ticker that never draws fails the test instead of hanging it (a busy machine may delay the first draw).
    private func waitUntilDrawn(_ text: String, in written: Protected<[String]>) async throws {
        let deadline = Date().addingTimeInterval(60)
        while !written.withLock({ $0.joined() }).contains(text) {
            guard Date() < deadline else {
                Issue.record("\(text) was not drawn")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    @Test("on a terminal, a run's updates redraw the one line and print no plain lines")
    func terminalRunUpdates() async throws {
        let (console, written) = recordingConsole(terminal: true)
        let reporter = ProgressReporter(console: console)
        reporter.begin("run r", .run(id: "r"))
        reporter.update(Transformation(id: "r", status: .started, processedElementCount: 5, totalElementCount: 10))
        try await waitUntilDrawn("\r\u{1B}[2Krun r: Started, 5 of 10 elements (50 %) (", in: written)
        reporter.finish("run r: done")
        let output = written.withLock { $0 }.joined()
        #expect(output.hasPrefix("\r\u{1B}[2Krun r: "))
        #expect(output.hasSuffix("\r\u{1B}[2Krun r: done\n"))
        #expect(output.components(separatedBy: "\n").count == 2)
    }

    @Test("on a terminal, a creation's updates redraw the one line and print no plain lines")
    func terminalCreationUpdates() async throws {
        let (console, written) = recordingConsole(terminal: true)
        let reporter = ProgressReporter(console: console)
        reporter.begin("clone m", .creation(iModelId: "m"))
        reporter.update(CreateOperation(state: .scheduled))
        try await waitUntilDrawn("\r\u{1B}[2Kclone m: scheduled (", in: written)
        reporter.finish()
        #expect(!written.withLock { $0 }.joined().contains("\n"))
    }

    /// A session on the tool's simulator whose progress lines (a non-terminal) are kept, on a virtual clock: the
    /// states a wait sees (one poll every 250 ms of the simulator's 1 s, 2.5 s and 3 s) do not depend on how busy
    /// the machine is.
    private func session(_ clock: VirtualClock) async throws -> (Session, Protected<[String]>) {
        let (console, written) = recordingConsole(terminal: false)
        let session = try await Session(
            options: Session.Options(environment: .production, json: false, verbose: false, credentials: .simulator),
            console: console, clock: clock)
        return (session, written)
    }

    @Test("Session.waitUntilCreated shows the create operation's states that waitUntilCreated reports")
    func sessionCreation() async throws {
        let clock = VirtualClock()
        let (session, written) = try await session(clock)
        let id = try #require(session.world).samples.cloneInProgressIModelId
        let (model, elapsed) = try await clock.run {
            try await session.waitUntilCreated(id, kind: "clone", until: .initialized, timeout: .seconds(30))
        }
        #expect(model.state == .initialized)
        let lines = written.withLock { $0 }
        let label = "clone \(TextFormat.shortId(id))"
        #expect(lines.count == 2)
        #expect(lines.first?.hasSuffix("] \(label): scheduled\n") == true)
        #expect(lines.last == "\(label): initialized after \(TextFormat.seconds(elapsed))\n")
    }

    @Test("Session.waitUntilFinished shows the status and counts that waitUntilFinished reports")
    func sessionRun() async throws {
        let clock = VirtualClock()
        let (session, written) = try await session(clock)
        let id = try #require(session.world).samples.runInProgressId
        let (run, _) = try await clock.run {
            try await session.waitUntilFinished(id, kind: "run", timeout: .seconds(30))
        }
        #expect(run.status == .succeeded)
        let lines = written.withLock { $0 }
        let label = "run \(TextFormat.shortId(id))"
        #expect(lines.count >= 3)
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("[") && $0.contains("] \(label): ") })
        #expect(lines.dropLast().last?.hasSuffix("] \(label): Succeeded, 4,000 of 4,000 elements (100 %)\n") == true)
        #expect(lines.last?.hasPrefix("\(label): Succeeded, 4,000 of 4,000 elements (100 %) after ") == true)
    }
}
