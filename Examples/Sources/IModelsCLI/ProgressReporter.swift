import Foundation
import IModelsClient

/// Shows how a wait is going: on a terminal, one line updated in place several times a second (state, elapsed
/// time, processed of total elements); otherwise one plain line per change of state.
public final class ProgressReporter: Sendable {
    /// What is being waited for.
    public enum Subject: Sendable, Equatable {
        /// An iModel's creation: ``update(_:)`` with its create operation gives the state.
        case creation(iModelId: String)
        /// A transformation run: ``update(_:)`` with the run gives its status and counts; other runs are ignored.
        case run(id: String)
    }

    private struct State {
        var label = ""
        var subject: Subject?
        var lastSubject: Subject?
        var started = Date()
        var operation: CreateOperationState?
        var run: Transformation?
        /// What the line shows before the first update.
        var pending = ProgressLine.firstPoll
        var lastPlain: String?
        var ticker: Task<Void, Never>?
        /// Changes with every begin and finish, so a ticker of an earlier wait never draws again.
        var generation = 0
    }

    private let console: Console
    private let state = Protected(State())

    /// Creates a reporter that writes to `console`.
    public init(console: Console) { self.console = console }

    /// Starts showing the wait for `subject`, labelled `label` (for example `"clone 3c2e…"`), with the elapsed
    /// time counted from `start` (now by default). Until the first update the line shows `pending` (by default
    /// ``ProgressLine/firstPoll``; give another text for a wait that reports no states).
    public func begin(
        _ label: String, _ subject: Subject, since start: Date = Date(), pending: String = ProgressLine.firstPoll
    ) {
        let (previous, generation) = state.withLock { state -> (Task<Void, Never>?, Int) in
            let previous = state.ticker
            var next = State(
                label: label, subject: subject, started: start, pending: pending, generation: state.generation + 1)
            if case .creation(let id) = subject, case .creation(let previousId)? = state.lastSubject, id == previousId {
                // Waiting for the next milestone of the same iModel: keep what is known of it.
                next.operation = state.operation
            }
            state = next
            return (previous, next.generation)
        }
        previous?.cancel()
        guard console.progressIsTerminal else { return }
        let ticker = Task { [weak self] in
            while !Task.isCancelled {
                guard let self, self.draw(generation) else { return }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        state.withLock { $0.ticker = ticker }
    }

    /// Draws the line of wait `generation`, under the lock, unless that wait has finished.
    private func draw(_ generation: Int) -> Bool {
        state.withLock { state in
            guard state.generation == generation, state.subject != nil else { return false }
            console.progress(
                ProgressLine.text(
                    label: state.label, state: Self.stateText(state), elapsed: Date().timeIntervalSince(state.started)))
            return true
        }
    }

    /// Takes in a create operation, as `waitUntilCreated(_:until:timeout:onUpdate:)` reports it; ignored unless a
    /// creation is being waited for. Without a terminal, a plain line is printed when the state changed.
    public func update(_ operation: CreateOperation) {
        let changed = state.withLock { state -> Bool in
            guard case .creation? = state.subject else { return false }
            state.operation = operation.state
            return true
        }
        if changed && !console.progressIsTerminal { notePlain() }
    }

    /// Takes in a run, as `waitUntilFinished(_:timeout:onUpdate:)` or a workflow's `.runUpdated` reports it;
    /// ignored unless that run is being waited for. Without a terminal, a plain line is printed when the status or
    /// the counts changed.
    public func update(_ run: Transformation) {
        let changed = state.withLock { state -> Bool in
            guard case .run(let id)? = state.subject, id == run.id else { return false }
            state.run = run
            return true
        }
        if changed && !console.progressIsTerminal { notePlain() }
    }

    /// The current line (label, state, elapsed time).
    public var line: String {
        state.withLock { state in
            ProgressLine.text(
                label: state.label, state: Self.stateText(state), elapsed: Date().timeIntervalSince(state.started))
        }
    }

    /// The seconds since the start given to ``begin(_:_:since:)``.
    public var elapsed: Double { state.withLock { Date().timeIntervalSince($0.started) } }

    /// Stops showing progress; prints `final` (for example `"initialized after 1.0 s"`) as a line, if given.
    public func finish(_ final: String? = nil) {
        let ticker = state.withLock { state -> Task<Void, Never>? in
            defer {
                state.ticker = nil
                state.lastSubject = state.subject
                state.subject = nil
                state.generation += 1
            }
            return state.ticker
        }
        ticker?.cancel()
        console.clearProgress()
        if let final { console.note(final) }
    }

    private func notePlain() {
        let text = state.withLock { state -> String? in
            let stateText = Self.stateText(state)
            guard stateText != state.lastPlain else { return nil }
            state.lastPlain = stateText
            return ProgressLine.plain(
                label: state.label, state: stateText, elapsed: Date().timeIntervalSince(state.started))
        }
        if let text { console.note(text) }
    }

    private static func stateText(_ state: State) -> String {
        switch state.subject {
        case .creation?: return state.operation?.rawValue ?? state.pending
        case .run?: return state.run.map(ProgressLine.runState) ?? state.pending
        case nil: return ""
        }
    }
}
