import Foundation

/// Reads and writes the services' ISO 8601 timestamps (`2020-10-20T10:51:33.1700000Z`, `…+00:00`), with 0 to 9
/// fraction digits, without a (non-Sendable) formatter.
///
/// Only instants in the years 0000 to 9999 are timestamps: four year digits cannot write others, so an offset
/// that moves `0000-01-01T00:00:00+01:00` before year 0 (or `9999-12-31T23:59:59-01:00` past 9999) is refused.
enum ServiceDate {
    /// 0000-01-01T00:00:00Z, the first instant a timestamp can name.
    static let earliest = Date(timeIntervalSince1970: TimeInterval(daysFromCivil(year: 0, month: 1, day: 1) * 86_400))
    /// 10000-01-01T00:00:00Z, the first instant past the last one a timestamp can name.
    static let end = Date(timeIntervalSince1970: TimeInterval(daysFromCivil(year: 10_000, month: 1, day: 1) * 86_400))

    /// Parses a timestamp, or returns `nil` when it is not one (see ``date(from:codingPath:)``).
    static func parse(_ text: String) -> Date? { try? date(from: text) }

    /// Parses a timestamp, or throws `DecodingError.dataCorrupted` saying why it is not one: it is not of the form
    /// `yyyy-MM-ddTHH:mm:ss[.f…][Z|±hh:mm]`, a part is out of range, or the instant is outside the years 0000…9999.
    static func date(from text: String, codingPath: [any CodingKey] = []) throws -> Date {
        func refuse(_ reason: String) -> DecodingError {
            .dataCorrupted(.init(codingPath: codingPath, debugDescription: "'\(text.prefix(64))' \(reason)"))
        }
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + digits] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += digits
            return value
        }
        func expect(_ characters: Set<UInt8>) -> Bool {
            guard index < bytes.count, characters.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        let form = "is not a timestamp of the form yyyy-MM-ddTHH:mm:ss[.fffffff][Z|±hh:mm]"
        guard let year = number(4), expect([45]), let month = number(2), expect([45]), let day = number(2),
            expect([84, 116, 32]), let hour = number(2), expect([58]), let minute = number(2), expect([58]),
            let second = number(2), (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60,
            second < 61
        else { throw refuse(form) }
        var fraction = 0.0
        if index < bytes.count, bytes[index] == 46 {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]) {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { throw refuse(form) }
        }
        var offset = 0
        if index < bytes.count {
            if bytes[index] == 90 || bytes[index] == 122 {
                index += 1
            } else if bytes[index] == 43 || bytes[index] == 45 {
                let sign = bytes[index] == 45 ? -1 : 1
                index += 1
                guard let hours = number(2) else { throw refuse(form) }
                _ = expect([58])
                guard let minutes = number(2), hours < 24, minutes < 60 else { throw refuse(form) }
                offset = sign * (hours * 3600 + minutes * 60)
            } else {
                throw refuse(form)
            }
        }
        guard index == bytes.count else { throw refuse(form) }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
        let date = Date(timeIntervalSince1970: seconds)
        // `end` itself is refused too: 9999-12-31T23:59:59.9999999Z rounds to it, and it would be written as 10000-….
        guard date >= earliest, date < end else { throw refuse("is outside the years 0000…9999") }
        return date
    }

    /// Formats a date as `yyyy-MM-ddTHH:mm:ss.fffffffZ` in UTC, or throws `EncodingError.invalidValue` for a date
    /// outside the years 0000…9999 (which four year digits cannot write).
    static func format(_ date: Date, codingPath: [any CodingKey] = []) throws -> String {
        let interval = date.timeIntervalSince1970
        guard date >= earliest, date < end else {
            // The value is the interval, not the date: Foundation traps describing a date this far out.
            throw EncodingError.invalidValue(
                interval,
                .init(
                    codingPath: codingPath,
                    debugDescription: "\(interval) s since 1970 is outside the years 0000…9999 of a timestamp"))
        }
        let whole = Int(interval.rounded(.down))
        let ticks = Int(((interval - Double(whole)) * 10_000_000).rounded())
        let (carry, fraction) = ticks >= 10_000_000 ? (1, 0) : (0, ticks)
        let total = whole + carry
        let days = Int((Double(total) / 86_400).rounded(.down))
        let secondsOfDay = total - days * 86_400
        let (year, month, day) = civilFromDays(days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondsOfDay / 3600, 2)):"
            + "\(pad(secondsOfDay % 3600 / 60, 2)):\(pad(secondsOfDay % 60, 2)).\(pad(fraction, 7))Z"
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension KeyedDecodingContainer {
    /// Decodes an optional service timestamp; a missing, null or unreadable value, or an instant outside the years
    /// 0000…9999, gives `nil`.
    func decodeServiceDate(forKey key: Key) -> Date? {
        guard let text = try? decodeIfPresent(String.self, forKey: key) else { return nil }
        return try? ServiceDate.date(from: text, codingPath: codingPath + [key])
    }
}

extension KeyedEncodingContainer {
    /// Encodes an optional timestamp in the service's format; a date outside the years 0000…9999 throws
    /// `EncodingError.invalidValue`.
    mutating func encodeServiceDate(_ date: Date?, forKey key: Key) throws {
        try encodeIfPresent(date.map { try ServiceDate.format($0, codingPath: codingPath + [key]) }, forKey: key)
    }
}
