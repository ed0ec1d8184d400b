import IModelsClient

/// The text of a progress line: what is being waited for, its state and the elapsed time.
public enum ProgressLine {
    /// `clone 3c2e…: scheduled (1.2 s)`.
    public static func text(label: String, state: String, elapsed: Double) -> String {
        "\(TerminalText.line(label)): \(TerminalText.line(state)) (\(TextFormat.seconds(elapsed)))"
    }

    /// A plain line for a non-terminal: `[  1.2 s] clone 3c2e…: scheduled`.
    public static func plain(label: String, state: String, elapsed: Double) -> String {
        let time = TextFormat.seconds(elapsed)
        return "[" + String(repeating: " ", count: max(0, 7 - time.count)) + time
            + "] \(TerminalText.line(label)): \(TerminalText.line(state))"
    }

    /// What a line shows until the wait reports its first state.
    public static let firstPoll = "waiting for the first poll"

    /// The state of a run: its status, and `processed of total elements (pct %)` when known.
    public static func runState(_ run: Transformation) -> String {
        var text = run.status.rawValue
        if let elements = TextFormat.elements(
            processed: run.processedElementCount, total: run.totalElementCount, status: run.status)
        {
            text += ", " + elements
        }
        return text
    }
}
