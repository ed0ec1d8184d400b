import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs CPU-bound test work (decoder fuzzing) on threads of its own, at the lowest scheduling priority, instead of
/// on Swift concurrency's cooperative pool.
///
/// The pool has one thread per core; a synchronous loop of minutes on it starves every other test's `await`s (on
/// 2 cores, two fuzzing tests parked every other suite for 80 s, and tests that measure real time failed). On
/// threads of their own at `nice 19`, the work uses the cores nothing else wants and yields them to everything
/// else. At most one work item per core runs at once.
enum CPUBoundWork {
    private static let slots = DispatchSemaphore(value: max(1, ProcessInfo.processInfo.activeProcessorCount))

    /// Runs `work` on a new low-priority thread, once a slot is free, and returns what it returns or throws.
    static func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                slots.wait()
                defer { slots.signal() }
                lowerThisThreadsPriority()
                continuation.resume(with: Result { try work() })
            }
            thread.start()
        }
    }

    /// Sets the calling thread's nice value to 19 on Linux, where the nice value belongs to a thread and
    /// `setpriority(PRIO_PROCESS, 0, …)` changes only the caller's (man 2 setpriority); elsewhere the thread keeps
    /// its priority.
    private static func lowerThisThreadsPriority() {
        #if os(Linux)
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        #endif
    }
}
