import Foundation

/// The first of several racing outcomes of one operation (an answer, a deadline, a cancellation), delivered once to
/// the one caller waiting for it; later outcomes are ignored.
///
/// The caller's wait ends with the first outcome whatever happens to the others: a deadline or a cancellation
/// ends it even when the work it raced never finishes (a URLSession task that ignores cancellation, a custom
/// transport that hangs). Whoever settles first may clean up the losers through ``onSettle(_:)``.
final class FirstOutcome<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, any Error>?
        var outcome: Result<Value, any Error>?
        var cleanups: [@Sendable () -> Void] = []
        var timer: DeadlineWatchdog.Ticket?
    }

    private let state = Locked(State())

    /// Settles the outcome if none was settled yet, resumes the waiting caller, and runs the cleanups. Returns
    /// whether this call settled it.
    @discardableResult
    func settle(_ outcome: Result<Value, any Error>) -> Bool {
        let (continuation, cleanups, won) = state.withLock { state in
            guard state.outcome == nil else {
                return (CheckedContinuation<Value, any Error>?.none, [@Sendable () -> Void](), false)
            }
            state.outcome = outcome
            if let timer = state.timer { DeadlineWatchdog.shared.disarm(timer) }
            state.timer = nil
            defer {
                state.continuation = nil
                state.cleanups = []
            }
            return (state.continuation, state.cleanups, true)
        }
        continuation?.resume(with: outcome)
        for cleanup in cleanups { cleanup() }
        return won
    }

    /// Runs `cleanup` once the outcome is settled (at once if it already is).
    func onSettle(_ cleanup: @escaping @Sendable () -> Void) {
        let settled = state.withLock { state in
            if state.outcome == nil { state.cleanups.append(cleanup) }
            return state.outcome != nil
        }
        if settled { cleanup() }
    }

    /// Settles the outcome with `failure` after `delay` of real time, unless another outcome comes first.
    func settle(after delay: Duration, failingWith failure: @escaping @Sendable () -> any Error) {
        let ticket = DeadlineWatchdog.shared.arm(after: delay) { [weak self] in self?.settle(.failure(failure())) }
        let settled = state.withLock { state in
            if state.outcome == nil { state.timer = ticket }
            return state.outcome != nil
        }
        if settled { DeadlineWatchdog.shared.disarm(ticket) }
    }

    /// Waits for the outcome. Cancelling the calling task settles it with `CancellationError` (unless another
    /// outcome came first) without waiting for the racing work.
    func value() async throws -> Value {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let settled = state.withLock { state -> Result<Value, any Error>? in
                    if state.outcome == nil { state.continuation = continuation }
                    return state.outcome
                }
                if let settled { continuation.resume(with: settled) }
            }
        } onCancel: {
            settle(.failure(CancellationError()))
        }
    }
}
