import Foundation

/// Parses durations given on the command line: `90` or `90s` (seconds), `1.5s`, `500ms`, `15m`, `2h`.
public enum DurationText {
    /// The duration, or `nil` when the text is not a non-negative number with an optional unit.
    public static func parse(_ text: String) -> Duration? {
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
        guard let value = Double(number), value.isFinite, value >= 0 else { return nil }
        return .milliseconds(Int64((value * scale * 1000).rounded()))
    }
}
