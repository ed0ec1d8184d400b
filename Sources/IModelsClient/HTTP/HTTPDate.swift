import Foundation

/// An HTTP-date as headers carry it (`Date`, `Retry-After`): any of the three forms of RFC 9110 §5.6.7 (IMF-fixdate
/// `Sun, 06 Nov 1994 08:49:37 GMT`, RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT`, asctime `Sun Nov  6 08:49:37 1994`).
enum HTTPDate {
    /// Parses an HTTP-date (the three forms of RFC 9110 §5.6.7), or returns `nil`.
    static func parse(_ text: String) -> Date? {
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
