import Foundation

/// Reads a `Retry-After` header value: delay-seconds (`120`) or an HTTP-date in any of the three forms of RFC 9110
/// (IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT`, asctime
/// `Sun Nov  6 08:49:37 1994`).
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
        guard let date = httpDate(text) else { return nil }
        let seconds = date.timeIntervalSince(now)
        guard seconds > 0 else { return .zero }
        return min(.milliseconds(Int64((seconds * 1000).rounded(.up))), maximum)
    }

    /// Parses an HTTP-date (the three forms of RFC 9110 §5.6.7), or returns `nil`.
    static func httpDate(_ text: String) -> Date? {
        let tokens = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let day: Int
        let month: Int
        var year: Int
        let time: String
        switch tokens.count {
        case 6 where tokens[0].hasSuffix(",") && tokens[5] == "GMT":  // IMF-fixdate
            guard let parsedDay = Int(tokens[1]), tokens[1].count == 2, let parsedMonth = monthNumber(tokens[2]),
                tokens[3].count == 4, let parsedYear = Int(tokens[3])
            else { return nil }
            (day, month, year, time) = (parsedDay, parsedMonth, parsedYear, tokens[4])
        case 4 where tokens[0].hasSuffix(",") && tokens[3] == "GMT":  // RFC 850
            let parts = tokens[1].split(separator: "-").map(String.init)
            guard parts.count == 3, parts[0].count == 2, let parsedDay = Int(parts[0]),
                let parsedMonth = monthNumber(parts[1]), parts[2].count == 2, let shortYear = Int(parts[2])
            else { return nil }
            (day, month, year, time) = (parsedDay, parsedMonth, 1900 + shortYear, tokens[2])
            if year < 1970 { year += 100 }
        case 5 where !tokens[0].hasSuffix(","):  // asctime
            guard let parsedMonth = monthNumber(tokens[1]), let parsedDay = Int(tokens[2]), tokens[4].count == 4,
                let parsedYear = Int(tokens[4])
            else { return nil }
            (day, month, year, time) = (parsedDay, parsedMonth, parsedYear, tokens[3])
        default:
            return nil
        }
        guard isWeekday(tokens[0].trimmingCharacters(in: [","])) else { return nil }
        let clock = time.split(separator: ":").map(String.init)
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 }), let hour = Int(clock[0]),
            let minute = Int(clock[1]), let second = Int(clock[2]), hour < 24, minute < 60, second < 61,
            (1...31).contains(day)
        else { return nil }
        let days = ServiceDate.daysFromCivil(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3600 + minute * 60 + second))
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    private static let longWeekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    private static func monthNumber(_ name: String) -> Int? {
        guard name.count == 3, let index = months.firstIndex(of: name.lowercased()) else { return nil }
        return index + 1
    }

    private static func isWeekday(_ name: String) -> Bool {
        weekdays.contains(name.lowercased()) || longWeekdays.contains(name.lowercased())
    }
}
