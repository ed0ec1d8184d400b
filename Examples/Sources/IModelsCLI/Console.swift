import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The tool's output: result lines on standard output, diagnostics on standard error, and at most one progress line
/// that updates in place when its stream is a terminal.
///
/// Every write goes through one lock, and a pending progress line is cleared before another line is written (then
/// drawn again), so `--verbose` lines and progress do not garble each other.
///
/// A write that fails (standard output closed, a full disk, `/dev/full`) never traps: the failure is kept (see
/// ``failure``), nothing more is written to that stream, and the handler given to ``onFailure(_:)`` runs once per
/// failed stream, so the command can stop and end with exit code 1.
public final class Console: Sendable {
    /// Where a console writes.
    public enum Stream: Sendable, Equatable {
        /// Standard output.
        case standardOutput
        /// Standard error.
        case standardError

        /// `standard output` or `standard error`.
        public var name: String { self == .standardOutput ? "standard output" : "standard error" }
    }

    /// A write that failed.
    public struct WriteFailure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The stream written to.
        public var stream: Stream
        /// Why, for example `Bad file descriptor` or `No space left on device`.
        public var reason: String

        /// Creates the failure.
        public init(stream: Stream, reason: String) {
            self.stream = stream
            self.reason = reason
        }

        /// A failure from an `errno` value.
        public init(stream: Stream, errno code: Int32) {
            self.init(stream: stream, reason: String(cString: strerror(code)))
        }

        /// `cannot write to standard output: Bad file descriptor`.
        public var description: String { "cannot write to \(stream.name): \(reason)" }

        /// The one line the tool prints on standard error: `error: cannot write to standard output: …`, and what it
        /// stopped waiting for, if the failure cut a wait short.
        public func message(stoppedWaitingFor waitingFor: String?) -> String {
            "error: \(description)" + (waitingFor.map { "; stopped waiting for \($0)." } ?? ".")
        }
    }

    private struct State {
        var progressText: String?
        var failures: [WriteFailure] = []
        var failureHandler: (@Sendable (WriteFailure) -> Void)?
    }

    /// Where progress goes: standard output, or standard error when standard output carries `--json`.
    public let progressStream: Stream
    /// Whether the progress stream is a terminal (progress then updates one line with `\r`).
    public let progressIsTerminal: Bool
    private let write: @Sendable (Stream, String) throws -> Void
    private let terminalWidth: @Sendable () -> Int
    private let state = Protected(State())

    /// A console on the process's standard output and error; with `json`, progress goes to standard error. A
    /// stream that ``StandardStreams/reserveClosed()`` found closed counts as failed from the start.
    public convenience init(json: Bool) {
        let stream: Stream = json ? .standardError : .standardOutput
        let descriptor = stream == .standardOutput ? STDOUT_FILENO : STDERR_FILENO
        self.init(
            progressStream: stream, progressIsTerminal: isatty(descriptor) == 1,
            write: { stream, text in
                let descriptor = stream == .standardOutput ? STDOUT_FILENO : STDERR_FILENO
                if let code = StandardStreams.write(text, to: descriptor) {
                    throw WriteFailure(stream: stream, errno: code)
                }
            },
            terminalWidth: { Console.width(of: descriptor) })
        for closed in StandardStreams.closedAtStart {
            state.withLock { $0.failures.append(WriteFailure(stream: closed, errno: EBADF)) }
        }
    }

    /// A console with its own writer (for tests); a writer that throws makes the stream failed.
    public init(
        progressStream: Stream, progressIsTerminal: Bool, write: @escaping @Sendable (Stream, String) throws -> Void,
        terminalWidth: @escaping @Sendable () -> Int = { 80 }
    ) {
        self.progressStream = progressStream
        self.progressIsTerminal = progressIsTerminal
        self.write = write
        self.terminalWidth = terminalWidth
    }

    /// The first write that failed, if one did.
    public var failure: WriteFailure? { state.withLock { $0.failures.first } }

    /// The failed write to `stream`, if one failed.
    public func failure(of stream: Stream) -> WriteFailure? {
        state.withLock { state in state.failures.first { $0.stream == stream } }
    }

    /// Whether writes to `stream` still go through.
    public func isWritable(_ stream: Stream) -> Bool { failure(of: stream) == nil }

    /// Runs `handler` on the first failed write to each stream (at once for a stream that failed already).
    public func onFailure(_ handler: @escaping @Sendable (WriteFailure) -> Void) {
        let failed = state.withLock { state -> [WriteFailure] in
            state.failureHandler = handler
            return state.failures
        }
        for failure in failed { handler(failure) }
    }

    /// Writes a line (a newline is added) to standard output.
    public func out(_ text: String) { line(text, to: .standardOutput) }

    /// Writes a line (a newline is added) to standard error.
    public func err(_ text: String) { line(text, to: .standardError) }

    /// Writes a line to the progress stream (standard output, or standard error with `--json`).
    public func note(_ text: String) { line(text, to: progressStream) }

    /// Writes a line to `stream`, clearing and redrawing a progress line around it. Control characters other than
    /// line breaks are replaced (``TerminalText/lines(_:)``), so nothing written can drive the terminal.
    public func line(_ text: String, to stream: Stream) {
        let handler = state.withLock { state -> (@Sendable () -> Void)? in
            let before = state.failures.count
            let progress = state.progressText
            if progress != nil { send(progressStream, "\r\u{1B}[2K", &state) }
            send(stream, TerminalText.lines(text) + "\n", &state)
            if let progress { send(progressStream, progress, &state) }
            return handlerForNewFailure(since: before, state)
        }
        handler?()
    }

    /// Shows `text` as the progress line: redrawn in place on a terminal (cut to the terminal's width), ignored
    /// otherwise (callers print plain lines with ``note(_:)`` instead).
    public func progress(_ text: String) {
        guard progressIsTerminal else { return }
        let width = max(20, terminalWidth())
        let text = TerminalText.line(text)
        let shown = text.count < width ? text : String(text.prefix(width - 2)) + "…"
        let handler = state.withLock { state -> (@Sendable () -> Void)? in
            let before = state.failures.count
            state.progressText = shown
            send(progressStream, "\r\u{1B}[2K" + shown, &state)
            return handlerForNewFailure(since: before, state)
        }
        handler?()
    }

    /// Removes the progress line, if one is shown.
    public func clearProgress() {
        let handler = state.withLock { state -> (@Sendable () -> Void)? in
            guard state.progressText != nil else { return nil }
            let before = state.failures.count
            state.progressText = nil
            send(progressStream, "\r\u{1B}[2K", &state)
            return handlerForNewFailure(since: before, state)
        }
        handler?()
    }

    /// Writes `text` to `stream` unless that stream failed before; a failure is recorded. Called under the lock.
    private func send(_ stream: Stream, _ text: String, _ state: inout State) {
        guard !state.failures.contains(where: { $0.stream == stream }) else { return }
        do {
            try write(stream, text)
        } catch let failure as WriteFailure {
            state.failures.append(failure)
        } catch {
            state.failures.append(WriteFailure(stream: stream, reason: String(describing: error)))
        }
    }

    /// The failure handler, bound to the failures since `before`, when there are any (the handler then runs outside
    /// the lock).
    private func handlerForNewFailure(since before: Int, _ state: State) -> (@Sendable () -> Void)? {
        let new = Array(state.failures.dropFirst(before))
        guard !new.isEmpty, let handler = state.failureHandler else { return nil }
        return { new.forEach(handler) }
    }

    private static func width(of descriptor: Int32) -> Int {
        var size = winsize()
        #if os(Linux)
            let request = UInt(TIOCGWINSZ)
        #else
            let request = TIOCGWINSZ
        #endif
        guard ioctl(descriptor, request, &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }
}
