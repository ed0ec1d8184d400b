/// Quotes words for a POSIX shell, so an id in a command the tool suggests is one argument that runs nothing when
/// pasted (`imodels wait '$(touch pwned); echo ok'`).
public enum ShellWord {
    /// `word` as is when it holds only ASCII letters, digits, `-`, `_`, `.`, `/`, `:` and `=`, else in single quotes
    /// (a `'` inside written `'\''`). The result is also made terminal-safe (``TerminalText/line(_:)``).
    public static func quoted(_ word: String) -> String {
        guard word.isEmpty || !word.utf8.allSatisfy(isPlain) else { return word }
        return TerminalText.line("'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'")
    }

    /// The words quoted and joined with spaces: `command("imodels", "status", id)`.
    public static func command(_ words: String...) -> String {
        words.map(quoted).joined(separator: " ")
    }

    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
            UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "="):
            return true
        default:
            return false
        }
    }
}
