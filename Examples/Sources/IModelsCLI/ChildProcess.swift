import Foundation
import IModelsClient

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `/bin/sh -c <command>` in its own process group, its standard output read through a pipe.
final class ChildProcess: Sendable {
    enum Stop { case cancelled, timedOut, outputTooLong }

    private struct State {
        var stop: Stop?
        var exited = false
        var continuation: CheckedContinuation<String, any Error>?
        var resumed = false
    }

    let command: String
    let pid: pid_t
    private let output: Int32
    private let state = Protected(State())
    private let timeout = Protected<Duration>(.zero)

    /// Starts the command.
    init(command: String, environment: [String: String]) throws {
        self.command = command
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw Self.failure(command, "could not make a pipe", errno) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        defer { close(ends[1]) }

        #if canImport(Darwin)
            var actions: posix_spawn_file_actions_t?
            var attributes: posix_spawnattr_t?
        #else
            var actions = posix_spawn_file_actions_t()
            var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_adddup2(&actions, ends[1], STDOUT_FILENO)
        if isatty(STDIN_FILENO) == 1 {
            posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        }
        // Its own process group (so it can be stopped with everything it started), with the signals the tool
        // ignores or handles (SIGINT while a command runs, SIGPIPE) back to their defaults, and none blocked.
        let flags = POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK
        posix_spawnattr_setflags(&attributes, Int16(flags))
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGQUIT, SIGPIPE, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)

        let words: [String] = ["/bin/sh", "-c", command]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        // Not the tool's own token: the command is asked for one, and has no business with another.
        let variables = environment.filter { $0.key != Credentials.environmentVariable }
            .map { "\($0.key)=\($0.value)" }
        let environment: [UnsafeMutablePointer<CChar>?] = variables.map { strdup($0) } + [nil]
        defer { for pointer in arguments + environment { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, "/bin/sh", &actions, &attributes, arguments, environment)
        guard status == 0 else {
            close(ends[0])
            throw Self.failure(command, "could not start /bin/sh", status)
        }
        self.pid = pid
        output = ends[0]
    }

    /// Reads the output on a background thread, and stops the command after `timeout`; the continuation is
    /// resumed once, when the command has ended.
    func start(_ continuation: CheckedContinuation<String, any Error>, timeout: Duration) {
        state.withLock { $0.continuation = continuation }
        self.timeout.withLock { $0 = timeout }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in stop(.timedOut) }
        Thread.detachNewThread { [self] in
            let data = readToEnd()
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            state.withLock { $0.exited = true }
            finish(outcome(status: status, data: data))
        }
    }

    /// Stops the command: SIGTERM (and SIGCONT, should it be stopped) to its process group, SIGKILL 2 s later.
    func stop(_ reason: Stop) {
        let first = state.withLock { state -> Bool in
            guard state.stop == nil, !state.exited else { return false }
            state.stop = reason
            return true
        }
        guard first else { return }
        kill(-pid, SIGTERM)
        kill(-pid, SIGCONT)
        DispatchQueue.global().asyncAfter(deadline: .now() + 2) { [self] in
            guard !state.withLock({ $0.exited }) else { return }
            kill(-pid, SIGKILL)
            // Something outside the group may still hold the pipe open: do not wait for it.
            DispatchQueue.global().asyncAfter(deadline: .now() + 1) { [self] in
                finish(.failure(error(for: reason)))
            }
        }
    }

    /// Reads the output until it ends, or until it passes ``TokenCommand/outputLimit`` (then the command is stopped,
    /// and the pipe closed so that it cannot block writing).
    private func readToEnd() -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
                if data.count > TokenCommand.outputLimit {
                    stop(.outputTooLong)
                    data = Data()
                    break
                }
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        close(output)
        return data
    }

    private func outcome(status: Int32, data: Data) -> Result<String, any Error> {
        if let reason = state.withLock({ $0.stop }) { return .failure(error(for: reason)) }
        let signal = status & 0x7f
        if signal == 0 {
            let code = (status >> 8) & 0xff
            guard code == 0 else {
                return .failure(ToolError.tokenCommandFailed(command: command, reason: "exit status \(code)"))
            }
            return .success(String(decoding: data, as: UTF8.self))
        }
        return .failure(ToolError.tokenCommandFailed(command: command, reason: "killed by signal \(signal)"))
    }

    private func error(for reason: Stop) -> any Error {
        switch reason {
        case .cancelled:
            return CancellationError()
        case .timedOut:
            return ToolError.tokenCommandTimedOut(command: command, after: timeout.withLock { $0 })
        case .outputTooLong:
            return ToolError.tokenCommandFailed(
                command: command, reason: "it printed more than \(TokenCommand.outputLimit / 1024) KiB")
        }
    }

    private func finish(_ result: Result<String, any Error>) {
        let continuation = state.withLock { state -> CheckedContinuation<String, any Error>? in
            guard !state.resumed else { return nil }
            state.resumed = true
            return state.continuation
        }
        continuation?.resume(with: result)
    }

    private static func failure(_ command: String, _ what: String, _ code: Int32) -> ToolError {
        .tokenCommandFailed(command: command, reason: "\(what): \(String(cString: strerror(code)))")
    }
}
