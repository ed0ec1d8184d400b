import Foundation

extension RateLimitGate {
    /// Whether the gate is closed now for requests of `limitClass` and stays closed past `deadline` (another caller's
    /// `429` cooldown, the callers already queued, or a proactive limit).
    ///
    /// A wait asks before each poll, so it ends at its deadline instead of queueing behind a cooldown that outlasts
    /// it. Only a gate that is closed now counts: after sleeping to a deadline the real clock reads a few
    /// microseconds past it, and the poll due at the deadline must still happen.
    func holds(_ limitClass: RateLimitClass, past deadline: Date) -> Bool {
        let opens = rateLimiter.earliestStart(for: limitClass)
        return opens > deadline && opens > clock.now
    }
}
