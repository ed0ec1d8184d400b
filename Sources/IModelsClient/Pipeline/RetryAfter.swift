import Foundation

/// Reads a `Retry-After` header value: delay-seconds (`120`) or an HTTP-date (``HTTPDate``).
enum RetryAfter {
    /// The longest delay the parser reports; larger values are clamped to it (they exceed any sensible cap anyway).
    static let maximum: Duration = .seconds(1_000_000_000)

    /// Returns the delay the value asks for, measured against `now`, or `nil` when the value is missing or not a
    /// valid delay (negative numbers, fractions and `+3` are invalid). Dates in the past give zero.
    ///
    /// Digits are parsed first, so `"120"` is never read as a year.
    static func parse(_ value: String?, now: Date) -> Duration? {
        guard let text = value?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if text.utf8.allSatisfy({ (48...57).contains($0) }) {
            guard text.utf8.count <= 10, let seconds = Int64(text) else { return maximum }
            return min(.seconds(seconds), maximum)
        }
        guard let date = HTTPDate.parse(text) else { return nil }
        let seconds = date.timeIntervalSince(now)
        guard seconds > 0 else { return .zero }
        return min(.milliseconds(Int64((seconds * 1000).rounded(.up))), maximum)
    }
}
