import Foundation
import Testing

@testable import IModelsClient

@Suite struct RetryAfterTests {
    // 2026-01-01T00:00:00Z
    let now = Date(timeIntervalSince1970: 1_767_225_600)

    @Test(arguments: [("0", 0), ("1", 1), ("120", 120), (" 30 ", 30), ("007", 7)])
    func delaySeconds(_ text: String, _ seconds: Int) {
        #expect(RetryAfter.parse(text, now: now) == .seconds(seconds))
    }

    @Test(arguments: [
        "Thu, 01 Jan 2026 00:00:42 GMT",  // IMF-fixdate
        "Thursday, 01-Jan-26 00:00:42 GMT",  // RFC 850
        "Thu Jan  1 00:00:42 2026",  // asctime
    ])
    func futureDatesInEachForm(_ text: String) {
        #expect(RetryAfter.parse(text, now: now) == .seconds(42))
    }

    @Test(arguments: [
        "Wed, 31 Dec 2025 23:59:00 GMT", "Wednesday, 31-Dec-25 23:59:00 GMT", "Wed Dec 31 23:59:00 2025",
        "Sun, 06 Nov 1994 08:49:37 GMT",
    ])
    func pastDatesAreZero(_ text: String) {
        #expect(RetryAfter.parse(text, now: now) == .zero)
    }

    @Test(arguments: [
        nil, "", "soon", "-3", "+3", "1.5", "1e3", "Thu, 32 Jan 2026 00:00:42 GMT", "Thu, 01 Foo 2026 00:00:42 GMT",
        "Thu, 01 Jan 2026 25:00:00 GMT", "Thu, 01 Jan 2026 00:00:42 PST", "2026-01-01T00:00:42Z",
    ])
    func invalidValuesAreNil(_ text: String?) {
        #expect(RetryAfter.parse(text, now: now) == nil)
    }

    @Test func hugeValuesAreClampedNotOverflowed() {
        #expect(RetryAfter.parse("99999999999999999999999", now: now) == RetryAfter.maximum)
        #expect(RetryAfter.parse("4000000000", now: now) == RetryAfter.maximum)
        #expect(RetryAfter.parse("86400", now: now) == .seconds(86_400))
        #expect(RetryAfter.parse("Fri, 31 Dec 9999 23:59:59 GMT", now: now) == RetryAfter.maximum)
        #expect(RetryAfter.parse("Fri Dec 31 23:59:59 9999", now: now) == RetryAfter.maximum)
    }
}
