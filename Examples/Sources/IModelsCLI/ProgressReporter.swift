import Foundation
import IModelsClient

/// Shows how a wait is going: on a terminal, one line updated in place several times a second (state, elapsed
/// time, processed of total elements); otherwise one plain line per change of state.
public final class ProgressReporter: Sendable {
    /// What is being waited for.
    public enum Subject: Sendable, Equatable {
        /// An iModel's creation, up to a milestone; observations of other iModels are ignored.
        case creation(iModelId: String, until: CreationMilestone)
        /// A transformation run; with an id, observations of other runs are ignored.
        case run(id: String?)
    }

    private struct State {
        var label = ""
        var subject: Subject?
        var lastSubject: Subject?
        var started = Date()
        var operation: CreateOperationState?
        var iModel: IModelState?
        var run: Transformation?
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
    /// time counted from `start` (now by default).
    public func begin(_ label: String, _ subject: Subject, since start: Date = Date()) {
        let (previous, generation) = state.withLock { state -> (Task<Void, Never>?, Int) in
            let previous = state.ticker
            var next = State(label: label, subject: subject, started: start, generation: state.generation + 1)
            if case .creation(let id, _) = subject, case .creation(let previousId, _)? = state.lastSubject,
                id == previousId
            {
                // Waiting for the next milestone of the same iModel: keep what is known of it.
                next.operation = state.operation
                next.iModel = state.iModel
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

    /// Takes in what an answer showed; ignored when it is about something else.
    ///
    /// Without a terminal, a plain line is printed when the state changed after a whole poll: waiting until
    /// initialized polls the create operation and then the iModel, so the line waits for the iModel (unless the
    /// operation has ended, when the iModel is not read).
    public func observe(_ observation: Observation) {
        let pollComplete = state.withLock { state -> Bool in
            switch (state.subject, observation) {
            case (.creation(let id, let milestone)?, .createOperation(let iModelId, let operation)) where iModelId == id:
                state.operation = operation.state
                return milestone == .completed || operation.state.isTerminal
            case (.creation(let id, let milestone)?, .iModel(let model)) where model.id == id:
                state.iModel = model.state
                return milestone == .initialized
            case (.run(let id)?, .transformation(let run)) where id == nil || id == run.id:
                state.run = run
                return true
            default:
                return false
            }
        }
        if pollComplete && !console.progressIsTerminal { notePlain() }
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
        case .creation?: return ProgressLine.creationState(operation: state.operation, iModel: state.iModel)
        case .run?: return ProgressLine.runState(state.run)
        case nil: return ""
        }
    }
}
