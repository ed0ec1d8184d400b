import IModelsCLI

/// A console whose writes are kept, as a terminal or not.
func recordingConsole(terminal: Bool) -> (Console, Protected<[String]>) {
    let written = Protected<[String]>([])
    let console = Console(
        progressStream: .standardOutput, progressIsTerminal: terminal,
        write: { _, text in written.withLock { $0.append(text) } })
    return (console, written)
}
