import Foundation

/// A sliding-window rate limit: at most `limit` admitted requests in any `window` seconds.
struct SlidingWindow {
    var limit: Int?
    var window: TimeInterval = 60
    private(set) var admitted: [Date] = []

    init(limit: Int?, window: TimeInterval = 60) {
        self.limit = limit
        self.window = window
    }

    /// `nil` when a request at `now` fits in the window, otherwise the whole seconds until one would.
    mutating func retryAfter(at now: Date) -> Int? {
        guard let limit else { return nil }
        // A limit of zero (or less) admits nothing: ask to come back after a whole window.
        guard limit > 0 else { return max(1, Int(window.rounded(.up))) }
        admitted.removeAll { now.timeIntervalSince($0) >= window }
        guard admitted.count >= limit else { return nil }
        let wait = admitted[admitted.count - limit].addingTimeInterval(window).timeIntervalSince(now)
        return max(1, Int(wait.rounded(.up)))
    }

    /// Counts a request admitted at `now`.
    mutating func record(at now: Date) {
        if limit != nil { admitted.append(now) }
    }
}
