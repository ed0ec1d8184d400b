import Foundation

/// The rate-limit gate of the request pipeline: a shared cooldown per ``RateLimitClass`` after a `429`, and the
/// optional proactive sliding-window limits of ``RateLimits``.
///
/// Every caller reserves its start time under one lock, first come first served: the earliest time at or after
/// the class cooldown, not earlier than the callers of its class already waiting, at which starting keeps every
/// window of its class limit and of the platform-wide limit within its count. It then sleeps on the clock until
/// that time. Concurrent callers therefore wake one slot at a time instead of all at once, and the reservations
/// of waiting callers already count against the windows, so nobody overshoots.
///
/// A `429` (``noteRateLimited(_:retryAfter:)``) moves the cooldown of its class and re-plans, in their order, the
/// callers of that class still waiting, so they all wait out the same cooldown; the other class is not held.
///
/// Cancellation: a caller cancelled while it waits throws `CancellationError` and its reservation is removed, so it
/// never counts against a window. Callers that were already planned after it keep their planned times (they may
/// start up to one slot later than strictly needed); callers arriving later plan around the freed slot.
final class RateLimiter: Sendable {
    /// A caller waiting for its start.
    private struct Ticket {
        let id: UInt64
        var start: Date
    }

    private struct State {
        var cooldownEnds: [RateLimitClass: Date] = [:]
        /// The `429` answer that set each class's cooldown, told to callers refused because of it.
        var cooldownCauses: [RateLimitClass: APIError] = [:]
        var classLedgers: [RateLimitClass: RateLimitLedger]
        var platformLedger: RateLimitLedger?
        /// The waiting callers of each class, in arrival order (their starts never decrease).
        var waiting: [RateLimitClass: [Ticket]] = [:]
        var nextTicket: UInt64 = 0

        mutating func prune(now: Date) {
            for limitClass in classLedgers.keys { classLedgers[limitClass]?.prune(now: now) }
            platformLedger?.prune(now: now)
        }

        /// The earliest start at or after `notBefore` that keeps the class and platform-wide windows within their
        /// counts.
        func earliestStart(for limitClass: RateLimitClass, notBefore: Date) -> Date {
            var intervals = classLedgers[limitClass]?.forbiddenIntervals(endingAfter: notBefore) ?? []
            if let platformLedger {
                intervals += platformLedger.forbiddenIntervals(endingAfter: notBefore)
                intervals.sort { $0.lower < $1.lower }
            }
            // Allowed starts are the complement of a union of open intervals, so the answer is `notBefore` or the
            // upper end of an interval. One pass in order of lower ends suffices: once `start` is past an
            // interval's upper end it stays past it.
            var start = notBefore
            for interval in intervals {
                if interval.lower >= start { break }
                if start < interval.upper { start = interval.upper }
            }
            return start
        }

        mutating func record(_ entry: RateLimitLedger.Entry, for limitClass: RateLimitClass) {
            classLedgers[limitClass]?.insert(entry)
            platformLedger?.insert(entry)
        }

        mutating func forget(ticket: UInt64, of limitClass: RateLimitClass) {
            classLedgers[limitClass]?.remove(ticket: ticket)
            platformLedger?.remove(ticket: ticket)
            waiting[limitClass]?.removeAll { $0.id == ticket }
        }
    }

    /// A waiting caller's start is due when the clock is this close to it (absorbs rounding between `Date` and
    /// `Duration`).
    private static let tolerance: TimeInterval = 1e-6

    /// The limits in force.
    let limits: RateLimits
    private let clock: any ITwinClock
    private let state: Locked<State>

    /// Creates the gate for `limits`, sleeping on `clock`.
    init(limits: RateLimits, clock: any ITwinClock) {
        self.limits = limits
        self.clock = clock
        let margin = max(0, limits.safetyMargin.seconds)
        func ledger(_ limit: RateLimits.Limit) -> RateLimitLedger {
            RateLimitLedger(count: limit.count, span: limit.window.seconds + margin)
        }
        state = Locked(
            State(classLedgers: limits.perClass.mapValues(ledger), platformLedger: limits.platformWide.map(ledger))
        )
    }

    /// When a request of `limitClass` asking now could start (after the class's cooldown, the callers already
    /// waiting, and the proactive limits), without reserving anything. Waits use it to stop at their deadline
    /// instead of queueing behind a cooldown that outlasts it.
    func earliestStart(for limitClass: RateLimitClass) -> Date {
        state.withLock { state in
            let now = clock.now
            state.prune(now: now)
            var notBefore = now
            if let cooldownEnd = state.cooldownEnds[limitClass], cooldownEnd > notBefore { notBefore = cooldownEnd }
            if let last = state.waiting[limitClass]?.last, last.start > notBefore { notBefore = last.start }
            return state.earliestStart(for: limitClass, notBefore: notBefore)
        }
    }

    /// A caller refused because the cooldown of its class outlasts what it may wait: the cooldown's end and the `429`
    /// answer that set it.
    struct CooldownRefusal: Error {
        /// When the cooldown ends.
        let end: Date
        /// The `429` answer that set the cooldown, if it was noted with one.
        let cause: APIError?
    }

    /// Whether the running cooldown of `limitClass` outlasts `maxWait` from now or `deadline`.
    private func refusal(
        _ state: State, _ limitClass: RateLimitClass, now: Date, maxWait: Duration?, deadline: Date?
    ) -> CooldownRefusal? {
        guard let end = state.cooldownEnds[limitClass], end.timeIntervalSince(now) > Self.tolerance else { return nil }
        let tooLong = maxWait.map { end.timeIntervalSince(now) > $0.seconds + Self.tolerance } ?? false
        let pastDeadline = deadline.map { end.timeIntervalSince($0) > Self.tolerance } ?? false
        guard tooLong || pastDeadline else { return nil }
        return CooldownRefusal(end: end, cause: state.cooldownCauses[limitClass])
    }

    /// Waits until a request of `limitClass` may start, and records its start.
    ///
    /// Returns at once when no cooldown is running and every window has room. Throws `CancellationError` when the
    /// calling task is cancelled (its reservation is then released), and ``CooldownRefusal`` without waiting when the
    /// class's cooldown (after a `429`) ends more than `maxCooldownWait` from now or after `deadline`: a caller that
    /// could not wait it out anyway learns so at once, and a caller already waiting learns so when it wakes to find
    /// its start moved by a later `429`. The proactive limits are always waited out.
    func acquire(
        _ limitClass: RateLimitClass, maxCooldownWait: Duration? = nil, deadline: Date? = nil
    ) async throws {
        try Task.checkCancellation()
        let reservation = try state.withLock { state -> (ticket: UInt64, start: Date)? in
            let now = clock.now
            if let refusal = refusal(state, limitClass, now: now, maxWait: maxCooldownWait, deadline: deadline) {
                throw refusal
            }
            state.prune(now: now)
            state.nextTicket += 1
            let ticket = state.nextTicket
            var notBefore = now
            if let cooldownEnd = state.cooldownEnds[limitClass], cooldownEnd > notBefore { notBefore = cooldownEnd }
            if let last = state.waiting[limitClass]?.last, last.start > notBefore { notBefore = last.start }
            let start = state.earliestStart(for: limitClass, notBefore: notBefore)
            state.record(RateLimitLedger.Entry(ticket: ticket, start: start), for: limitClass)
            if start.timeIntervalSince(now) <= Self.tolerance { return nil }
            state.waiting[limitClass, default: []].append(Ticket(id: ticket, start: start))
            return (ticket, start)
        }
        guard let reservation else { return }
        let ticket = reservation.ticket
        var start = reservation.start
        do {
            while true {
                let wait = start.timeIntervalSince(clock.now)
                if wait > 0 { try await clock.sleep(for: .seconds(wait)) }
                let next = try state.withLock { state -> Date? in
                    guard let index = state.waiting[limitClass]?.firstIndex(where: { $0.id == ticket }),
                        let planned = state.waiting[limitClass]?[index].start
                    else { return nil }
                    if planned.timeIntervalSince(clock.now) > Self.tolerance {
                        if let refusal = refusal(
                            state, limitClass, now: clock.now, maxWait: maxCooldownWait, deadline: deadline)
                        {
                            throw refusal
                        }
                        return planned
                    }
                    state.waiting[limitClass]?.remove(at: index)
                    return nil
                }
                guard let next else { return }
                start = next
            }
        } catch {
            state.withLock { $0.forget(ticket: ticket, of: limitClass) }
            throw error
        }
    }

    /// Notes a `429` answer to a request of `limitClass`: no request of that class starts before `now + retryAfter`
    /// (an earlier cooldown end is never brought forward). Callers of the class already waiting are re-planned, in
    /// their order, after the cooldown. `cause`, the answer, is what callers refused because of the cooldown are told.
    func noteRateLimited(_ limitClass: RateLimitClass, retryAfter: Duration, cause: APIError? = nil) {
        state.withLock { state in
            let now = clock.now
            let requested = now.addingTimeInterval(max(0, retryAfter.seconds))
            let cooldownEnd = max(state.cooldownEnds[limitClass] ?? requested, requested)
            if cooldownEnd == requested || state.cooldownCauses[limitClass] == nil {
                state.cooldownCauses[limitClass] = cause
            }
            state.cooldownEnds[limitClass] = cooldownEnd
            guard let waiting = state.waiting[limitClass], waiting.contains(where: { $0.start < cooldownEnd }) else {
                return
            }
            state.prune(now: now)
            for ticket in waiting {
                state.classLedgers[limitClass]?.remove(ticket: ticket.id)
                state.platformLedger?.remove(ticket: ticket.id)
            }
            // Re-plan in arrival order; nobody moves earlier than planned, since a waiter only checks its start
            // when it wakes.
            var replanned: [Ticket] = []
            var notBefore = max(now, cooldownEnd)
            for var ticket in waiting {
                let start = state.earliestStart(for: limitClass, notBefore: max(notBefore, ticket.start))
                state.record(RateLimitLedger.Entry(ticket: ticket.id, start: start), for: limitClass)
                ticket.start = start
                replanned.append(ticket)
                notBefore = start
            }
            state.waiting[limitClass] = replanned
        }
    }

    /// The end of the running cooldown of `limitClass`, or `nil` when none is running.
    func cooldownEnd(of limitClass: RateLimitClass) -> Date? {
        state.withLock { state in
            guard let end = state.cooldownEnds[limitClass], end > clock.now else { return nil }
            return end
        }
    }

    /// The number of callers of `limitClass` waiting for their start.
    func waitingCount(of limitClass: RateLimitClass) -> Int {
        state.withLock { $0.waiting[limitClass]?.count ?? 0 }
    }
}
