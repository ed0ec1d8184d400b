import Foundation
import Testing

@testable import IModelsClient

@Suite struct ServiceDateTests {
    private func changeset(pushDateTime: String) throws -> Changeset {
        try JSONDecoder().decode(
            Changeset.self, from: Data(#"{"id":"c","index":1,"pushDateTime":"\#(pushDateTime)"}"#.utf8))
    }

    /// The documented forms read as the instants they name: 7 fraction digits, none, an offset, 9 digits.
    @Test(
        arguments: [
            ("2020-10-20T10:51:33.1700000Z", 1_603_191_093.17), ("2020-10-20T10:51:33Z", 1_603_191_093),
            ("2020-10-20T12:51:33+02:00", 1_603_191_093), ("2020-10-20T10:51:33.170000000z", 1_603_191_093.17),
            ("0000-01-01T00:00:00Z", -62_167_219_200), ("9999-12-31T23:59:59Z", 253_402_300_799),
        ] as [(String, Double)])
    func documentedFormsParse(_ text: String, _ seconds: Double) throws {
        let date = try ServiceDate.date(from: text)
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_001)
        #expect(try changeset(pushDateTime: text).pushDateTime == date)
    }

    /// An offset that moves the instant before year 0 or past year 9999 (which four year digits cannot write) is
    /// refused with a decoding error, so a model reads the date as missing instead of keeping a date that it would
    /// write as `10000-…` or `00-1-…`.
    @Test(arguments: [
        "0000-01-01T00:00:00+00:01", "0000-01-01T00:59:59.99+01:00", "9999-12-31T23:59:59-00:01",
        "9999-12-31T23:59:60Z", "9999-12-31T23:59:59.9999999Z",
    ])
    func instantsOutsideTheYears0To9999AreRefused(_ text: String) throws {
        #expect(try changeset(pushDateTime: text).pushDateTime == nil)
        let error = try #require(throws: DecodingError.self) { try ServiceDate.date(from: text) }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(error)")
            return
        }
        #expect(context.debugDescription.contains("outside the years 0000…9999"), "\(context.debugDescription)")
    }

    /// Offsets past ±23:59 are not timestamps.
    @Test(arguments: ["2020-10-20T10:51:33+24:00", "2020-10-20T10:51:33-23:60", "2020-10-20T10:51:33+99:99"])
    func offsetsPastTwentyThreeFiftyNineAreRefused(_ text: String) throws {
        #expect(try changeset(pushDateTime: text).pushDateTime == nil)
        #expect(throws: DecodingError.self) { try ServiceDate.date(from: text) }
    }

    /// The first and last instants of the range read and write back as themselves.
    @Test func theEdgesOfTheRangeRoundTrip() throws {
        #expect(try ServiceDate.date(from: "0000-01-01T01:00:00+01:00") == ServiceDate.earliest)
        #expect(try ServiceDate.format(ServiceDate.earliest) == "0000-01-01T00:00:00.0000000Z")
        let last = try ServiceDate.date(from: "9999-12-31T23:59:59.99997Z")
        #expect(try ServiceDate.format(last).hasPrefix("9999-12-31T23:59:59.9999"))
        #expect(try ServiceDate.date(from: try ServiceDate.format(last)) == last)
    }

    /// A model holding a date outside the years 0000…9999 refuses to encode with an `EncodingError` instead of
    /// writing a timestamp that does not read back (or trapping on a date past `Int`'s range).
    @Test(arguments: [-62_167_219_201, 253_402_300_800, 1e20, -1e300, .infinity, .nan] as [Double])
    func encodingADateOutsideTheRangeThrows(_ seconds: Double) {
        let changeset = Changeset(id: "c", index: 1, pushDateTime: Date(timeIntervalSince1970: seconds))
        #expect(throws: EncodingError.self) { try JSONEncoder().encode(changeset) }
        #expect(throws: EncodingError.self) { try ServiceDate.format(Date(timeIntervalSince1970: seconds)) }
    }

    /// Formatting and parsing again gives the same text, across the whole range.
    @Test func formattedTimestampsReadBackAsTheSameText() throws {
        var random = FuzzRandom(seed: 7)
        let span = ServiceDate.end.timeIntervalSince(ServiceDate.earliest)
        for _ in 0..<2000 {
            let date = ServiceDate.earliest.addingTimeInterval(Double(random.below(1 << 52)) / Double(1 << 52) * span)
            let text = try ServiceDate.format(date)
            #expect(try ServiceDate.format(try ServiceDate.date(from: text)) == text, "\(date.timeIntervalSince1970)")
        }
    }
}
