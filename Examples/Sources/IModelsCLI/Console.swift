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
public final class Console: Sendable {
    /// Where a console writes.
    public enum Stream: Sendable {
        /// Standard output.
        case standardOutput
        /// Standard error.
        case standardError
    }

    private struct State {
        var progressText: String?
    }

    /// Where progress goes: standard output, or standard error when standard output carries `--json`.
    public let progressStream: Stream
    /// Whether the progress stream is a terminal (progress then updates one line with `\r`).
    public let progressIsTerminal: Bool
    private let write: @Sendable (Stream, String) -> Void
    private let terminalWidth: @Sendable () -> Int
    private let state = Protected(State())

    /// A console on the process's standard output and error; with `json`, progress goes to standard error.
    public convenience init(json: Bool) {
        let stream: Stream = json ? .standardError : .standardOutput
        let descriptor = stream == .standardOutput ? STDOUT_FILENO : STDERR_FILENO
        self.init(
            progressStream: stream, progressIsTerminal: isatty(descriptor) == 1,
            write: { stream, text in
                let handle = stream == .standardOutput ? FileHandle.standardOutput : FileHandle.standardError
                handle.write(Data(text.utf8))
            },
            terminalWidth: { Console.width(of: descriptor) })
    }

    /// A console with its own writer (for tests).
    public init(
        progressStream: Stream, progressIsTerminal: Bool, write: @escaping @Sendable (Stream, String) -> Void,
        terminalWidth: @escaping @Sendable () -> Int = { 80 }
    ) {
        self.progressStream = progressStream
        self.progressIsTerminal = progressIsTerminal
        self.write = write
        self.terminalWidth = terminalWidth
    }

    /// Writes a line (a newline is added) to standard output.
    public func out(_ text: String) { line(text, to: .standardOutput) }

    /// Writes a line (a newline is added) to standard error.
    public func err(_ text: String) { line(text, to: .standardError) }

    /// Writes a line to the progress stream (standard output, or standard error with `--json`).
    public func note(_ text: String) { line(text, to: progressStream) }

    /// Writes a line to `stream`, clearing and redrawing a progress line around it.
    public func line(_ text: String, to stream: Stream) {
        state.withLock { state in
            let progress = state.progressText
            if progress != nil { write(progressStream, "\r\u{1B}[2K") }
            write(stream, text + "\n")
            if let progress { write(progressStream, progress) }
        }
    }

    /// Shows `text` as the progress line: redrawn in place on a terminal (cut to the terminal's width), ignored
    /// otherwise (callers print plain lines with ``note(_:)`` instead).
    public func progress(_ text: String) {
        guard progressIsTerminal else { return }
        let width = max(20, terminalWidth())
        let shown = text.count < width ? text : String(text.prefix(width - 2)) + "…"
        state.withLock { state in
            state.progressText = shown
            write(progressStream, "\r\u{1B}[2K" + shown)
        }
    }

    /// Removes the progress line, if one is shown.
    public func clearProgress() {
        state.withLock { state in
            guard state.progressText != nil else { return }
            state.progressText = nil
            write(progressStream, "\r\u{1B}[2K")
        }
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
