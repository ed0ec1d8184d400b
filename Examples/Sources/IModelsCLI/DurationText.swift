import Foundation

/// Parses durations given on the command line: `90` or `90s` (seconds), `1.5s`, `500ms`, `15m`, `2h`; at most
/// ``maximum`` (30 days, `720h`).
public enum DurationText {
    /// The longest duration accepted: 30 days (`720h`). Longer ones (up to `1e18` or a number too large for any
    /// integer) are refused rather than rounded, so that a typo never turns into a wait of centuries.
    public static let maximum = Duration.seconds(30 * 24 * 3600)

    /// `720h (30 days)`, for messages and help.
    public static let maximumText = "720h (30 days)"

    /// Why a text is not a usable `--timeout`.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// Not a number with an optional unit.
        case notADuration
        /// Negative, zero, or rounded to zero milliseconds.
        case notPositive
        /// Longer than ``DurationText/maximum``.
        case tooLong

        /// What to write instead (ArgumentParser puts it after `The value '…' is invalid for '--timeout'`).
        public var description: String {
            switch self {
            case .notADuration: return "give seconds (90) or a number with a unit: 90s, 15m, 2h, 500ms"
            case .notPositive: return "must be more than 0 (at least 1ms)"
            case .tooLong: return "must be at most \(DurationText.maximumText)"
            }
        }
    }

    /// The duration, or `nil` when the text is not a non-negative number with an optional unit, or is longer than
    /// ``maximum``.
    public static func parse(_ text: String) -> Duration? {
        try? check(text, allowZero: true)
    }

    /// The duration of a `--timeout`: more than zero and at most ``maximum``; otherwise the problem, to show.
    public static func timeout(_ text: String) throws(Problem) -> Duration {
        try check(text, allowZero: false)
    }

    private static func check(_ text: String, allowZero: Bool) throws(Problem) -> Duration {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(suffix: String, seconds: Double)] = [
            ("ms", 0.001), ("s", 1), ("sec", 1), ("min", 60), ("m", 60), ("h", 3600),
        ]
        var number = trimmed
        var scale = 1.0
        for unit in units.sorted(by: { $0.suffix.count > $1.suffix.count }) where trimmed.hasSuffix(unit.suffix) {
            number = String(trimmed.dropLast(unit.suffix.count)).trimmingCharacters(in: .whitespaces)
            scale = unit.seconds
            break
        }
        guard let value = Double(number), value.isFinite else { throw .notADuration }
        guard value >= 0 else { throw .notPositive }
        let seconds = value * scale
        // Compared before converting: an Int64 of milliseconds holds some 292 million years, but no more.
        guard seconds <= Double(maximum.components.seconds) else { throw .tooLong }
        let milliseconds = Int64((seconds * 1000).rounded())
        guard allowZero || milliseconds > 0 else { throw .notPositive }
        return .milliseconds(milliseconds)
    }
}
