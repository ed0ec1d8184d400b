import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A yes/no question asked on the terminal before something that cannot be undone (`imodels delete`).
///
/// Only a terminal is asked: with standard input redirected (a script, a pipe, `/dev/null`) nobody may be there to
/// answer, so the command is refused with a usage error before anything is sent, and `--yes` is the way to go on.
public struct Confirmation: Sendable {
    /// Whether standard input is a terminal.
    public var inputIsTerminal: @Sendable () -> Bool
    /// Reads one line of the answer (without its line break), or `nil` at the end of input.
    public var readAnswer: @Sendable () -> String?

    /// A confirmation with its own input (for tests).
    public init(inputIsTerminal: @escaping @Sendable () -> Bool, readAnswer: @escaping @Sendable () -> String?) {
        self.inputIsTerminal = inputIsTerminal
        self.readAnswer = readAnswer
    }

    /// The process's standard input.
    public static let standardInput = Confirmation(
        inputIsTerminal: { isatty(STDIN_FILENO) == 1 }, readAnswer: { readLine(strippingNewline: true) })

    /// Refuses, before anything is sent, when standard input is not a terminal: `what` is the action
    /// (`delete the iModel`), `option` the flag that answers yes in advance (`--yes`).
    public func requireTerminal(toConfirm what: String, option: String = "--yes") throws {
        guard inputIsTerminal() else {
            throw ToolError.usage(
                "Standard input is not a terminal, so imodels cannot ask before it goes on to \(what): pass \(option) "
                    + "to confirm in advance.")
        }
    }

    /// Asks `question` (it should end with `[y/N]`) on standard error, and returns whether the answer is `y` or `yes`
    /// (any case); anything else, an empty line or the end of input is no.
    public func ask(_ question: String, console: Console) -> Bool {
        console.err(question)
        guard let answer = readAnswer() else { return false }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
