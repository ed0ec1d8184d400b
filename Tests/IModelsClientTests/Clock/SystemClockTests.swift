import Foundation
import IModelsClient
import Testing

/// `SystemClock` without real waiting: every sleep here is cancelled, so a clock that ignored cancellation would
/// hang for an hour and hit the time limit instead of passing.
@Suite(.timeLimit(.minutes(1))) struct SystemClockTests {
    @Test func nowIsTheWallTime() {
        let before = Date()
        let now = SystemClock().now
        let after = Date()
        #expect(before <= now && now <= after)
    }

    @Test func aSleepInACancelledTaskThrowsCancellationErrorAtOnce() async {
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await SystemClock().sleep(for: .seconds(3600))
        }
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test func cancellingASleepingTaskEndsTheSleep() async {
        let task = Task { try await SystemClock().sleep(for: .seconds(3600)) }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test func aSleepOfZeroReturnsUnlessTheTaskIsCancelled() async throws {
        try await SystemClock().sleep(for: .zero)
        try await SystemClock().sleep(for: .seconds(-1))
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await SystemClock().sleep(for: .zero)
        }
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}
