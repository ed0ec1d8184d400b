/// Makes text safe to write to a terminal: the one place the tool's text output turns server strings (names,
/// descriptions, states, ids, error messages, raw bodies, headers) into what is printed.
///
/// Every C0 control character, DEL and every C1 control character is replaced by a visible escape (`\n`, `\r`, `\t`,
/// or `\u{1B}`), so a string from the service can neither drive the terminal (retitle it, clear it, move the cursor)
/// nor forge lines of output. `--json` output needs none of this: JSON escapes them (see ``JSONOutput``).
public enum TerminalText {
    /// `text` on one line: line breaks are replaced too. For every server string the tool prints.
    public static func line(_ text: String) -> String {
        escapingControls(text, keepingNewlines: false)
    }

    /// `text` with its line breaks (`\n`) kept and every other control character replaced. For text the tool lays out
    /// over several lines itself; the console applies it to every line it writes.
    public static func lines(_ text: String) -> String {
        escapingControls(text, keepingNewlines: true)
    }

    /// Whether `scalar` is a C0 control character, DEL, or a C1 control character.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    private static func escapingControls(_ text: String, keepingNewlines: Bool) -> String {
        func replaced(_ scalar: Unicode.Scalar) -> Bool {
            isControl(scalar) && !(keepingNewlines && scalar == "\n")
        }
        guard text.unicodeScalars.contains(where: replaced) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard replaced(scalar) else {
                result.append(scalar)
                continue
            }
            switch scalar {
            case "\n": result.append(contentsOf: #"\n"#.unicodeScalars)
            case "\r": result.append(contentsOf: #"\r"#.unicodeScalars)
            case "\t": result.append(contentsOf: #"\t"#.unicodeScalars)
            default:
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            }
        }
        return String(result)
    }
}
