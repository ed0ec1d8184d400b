import Foundation

/// Random service timestamps for fuzzing the date parser: mostly well-formed, with each part sometimes at or past
/// its range (years 0000 and 9999 with offsets that move the instant out of the year range, month 13, day 32,
/// hour 24, second 60 and 61, 0 to 12 fraction digits, `Z`, `z`, `±hh:mm`, `±hhmm`, no zone, other separators).
enum FuzzTimestamps {
    /// The documented forms, as seeds for byte mutations.
    static let seeds: [String] = [
        "2020-10-20T10:51:33.1700000Z", "2021-08-02T14:51:33.6133333Z", "2024-03-05T14:53:33.6133333Z",
        "2020-10-20T10:51:33+00:00", "2020-10-20T10:51:33.17+02:00", "2020-10-20T10:51:33Z",
        "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.99Z",
    ]

    /// One random timestamp text.
    static func next(using random: inout FuzzRandom) -> Data {
        func digits(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        func part(_ usual: ClosedRange<Int>, edges: [Int]) -> Int {
            random.oneIn(6) ? random.pick(edges) : usual.lowerBound + random.below(usual.count)
        }
        let year = random.oneIn(3) ? random.pick([0, 1, 1969, 1970, 9998, 9999]) : random.below(10_000)
        let yearWidth = random.oneIn(20) ? random.pick([3, 5]) : 4
        var text = digits(year, yearWidth)
        text += "-" + digits(part(1...12, edges: [0, 13, 99]), 2)
        text += "-" + digits(part(1...28, edges: [0, 29, 30, 31, 32, 99]), 2)
        text += random.oneIn(10) ? random.pick(["t", " ", "x", ""]) : "T"
        text += digits(part(0...23, edges: [23, 24, 99]), 2)
        text += ":" + digits(part(0...59, edges: [59, 60, 99]), 2)
        text += ":" + digits(part(0...59, edges: [59, 60, 61, 99]), 2)
        if !random.oneIn(3) {
            text +=
                "."
                + String(
                    (0..<random.below(13)).map { _ in random.oneIn(3) ? "9" : Character(String(random.below(10))) })
        }
        switch random.below(8) {
        case 0, 1, 2: text += "Z"
        case 3: text += random.pick(["z", "", "ZZ", "+", "UTC"])
        default:
            text += random.oneIn(2) ? "+" : "-"
            text += digits(part(0...14, edges: [23, 24, 99]), 2)
            if !random.oneIn(5) { text += ":" }
            text += digits(part(0...59, edges: [59, 60, 99]), 2)
        }
        return Data(text.utf8)
    }
}
