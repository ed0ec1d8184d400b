import Dispatch
import Foundation
import IModelsCLI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ctrl-C while a command runs: the first stops the command's task cleanly (it throws ``InterruptedError``, exit
/// code 130; a token command that runs is stopped with it); a second one ends the process at once (killing a token
/// command still running). A failed write to standard output stops the task too, since
/// the result could not be printed (the caller reports it; a failed write to standard error only changes the exit
/// code).
enum Interrupt {
    /// Runs `body` in a task that SIGINT, or a failed write to `console`'s standard output, cancels; `context` says
    /// what the command was waiting for at that moment.
    static func run<Value: Sendable>(
        _ context: Protected<InterruptedError>, console: Console, _ body: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        let interrupted = Protected(false)
        let running = Protected<Task<Value, any Error>?>(nil)
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            let again = interrupted.withLock { flag -> Bool in
                defer { flag = true }
                return flag
            }
            if again {
                TokenCommand.killRunning()
                _exit(CLIExitCode.interrupted.rawValue)
            }
            running.withLock { $0 }?.cancel()
        }
        source.resume()
        defer {
            source.cancel()
            signal(SIGINT, SIG_DFL)
        }
        // Started only once SIGINT is handled: the body may say that Ctrl-C stops it as soon as it runs.
        let task = Task { try await body() }
        running.withLock { $0 = task }
        if interrupted.withLock({ $0 }) { task.cancel() }
        console.onFailure { failure in
            if failure.stream == .standardOutput { task.cancel() }
        }
        do {
            return try await task.value
        } catch {
            if interrupted.withLock({ $0 }) { throw context.withLock { $0 } }
            throw error
        }
    }
}
