import Foundation

/// The starts counted by one sliding-window limit of the ``RateLimiter``, sorted by start.
struct RateLimitLedger {
    /// A reserved or recorded start in a window.
    struct Entry {
        let ticket: UInt64
        let start: Date
    }

    let count: Int
    /// The window plus the safety margin, in seconds.
    let span: TimeInterval
    var entries: [Entry] = []

    /// Forgets starts that can no longer count against a request at `now` or later.
    mutating func prune(now: Date) {
        let horizon = now.addingTimeInterval(-span)
        let stale = entries.firstIndex { $0.start > horizon } ?? entries.endIndex
        if stale > 0 { entries.removeFirst(stale) }
    }

    mutating func insert(_ entry: Entry) {
        var low = entries.startIndex
        var high = entries.endIndex
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].start <= entry.start { low = middle + 1 } else { high = middle }
        }
        entries.insert(entry, at: low)
    }

    mutating func remove(ticket: UInt64) {
        entries.removeAll { $0.ticket == ticket }
    }

    /// The open intervals of start times that would put `count + 1` starts in one window, ending after
    /// `notBefore`, in increasing order of their lower ends.
    ///
    /// `count` consecutive starts `s[i] ... s[i + count - 1]` closer than `span` forbid every start `t` with
    /// `s[i + count - 1] - span < t < s[i] + span`.
    func forbiddenIntervals(endingAfter notBefore: Date) -> [(lower: Date, upper: Date)] {
        guard entries.count >= count else { return [] }
        var intervals: [(lower: Date, upper: Date)] = []
        for first in 0...(entries.count - count) {
            let last = first + count - 1
            let lower = entries[last].start.addingTimeInterval(-span)
            let upper = entries[first].start.addingTimeInterval(span)
            if lower < upper, upper > notBefore { intervals.append((lower, upper)) }
        }
        return intervals
    }
}
