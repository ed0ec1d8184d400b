import Foundation

/// When, on the service's clock, a resource made by a create request whose outcome is unknown must have been created,
/// and which of the resources a lookup found answers that request. Every duplicate-safe create
/// (``DuplicateSafeCreate``) decides with it.
///
/// The request was sent at `sentAt` and its failure came back at `failedAt` (this machine's clock). The lookup was
/// sent at `lookupSentAt` and answered at `lookupReceivedAt` with a `Date` header `D` (a ``ServiceClockReading``),
/// which is the service's clock rounded down to the second at some moment in between, so the service's clock is ahead
/// of this one by an offset in `[D − lookupReceivedAt, D + 1 − lookupSentAt)`. The request therefore arrived in
/// `[sentAt + that lower bound, sentAt + that upper bound)` (the *send interval*, about a second wide), and what it
/// created was created before `failedAt + that upper bound`. ``margin`` is added on both sides for the service's
/// own clocks (the `Date` header and `createdDateTime` may come from different machines). Without a `Date` header the
/// offset is only known to lie within ``skewWithoutDate`` either way.
struct CreationWindow: Sendable, Equatable {
    /// How far each bound is widened for differences between the service's clocks.
    static let margin: TimeInterval = 0.5
    /// The clock skew allowed either way when the lookup's answer has no `Date` header.
    static let skewWithoutDate: TimeInterval = 120

    /// The earliest service time at which the request can have arrived.
    let earliest: Date
    /// The end of the send interval: the request arrived before this.
    let sendLatest: Date
    /// The end of the window: what the request created was created before this.
    let latest: Date

    /// The window of a request sent at `sentAt` that failed at `failedAt`, dated by `lookup`, the reading of the
    /// service's clock the lookup's answer gave.
    init(sentAt: Date, failedAt: Date, lookup: ServiceClockReading) {
        let lowOffset: TimeInterval
        let highOffset: TimeInterval
        if let serviceDate = lookup.serviceDate {
            lowOffset = serviceDate.timeIntervalSince(lookup.receivedAt)
            highOffset = serviceDate.timeIntervalSince(lookup.sentAt) + 1
        } else {
            lowOffset = -Self.skewWithoutDate
            highOffset = Self.skewWithoutDate
        }
        earliest = sentAt.addingTimeInterval(lowOffset - Self.margin)
        sendLatest = sentAt.addingTimeInterval(highOffset + Self.margin)
        latest = max(failedAt, sentAt).addingTimeInterval(highOffset + Self.margin)
    }

    /// Whether a resource created at `created` (on the service's clock) can be the request's: one without a creation
    /// date never is.
    func contains(_ created: Date?) -> Bool {
        guard let created else { return false }
        return created >= earliest && created < latest
    }

    /// What a lookup found for the request.
    enum Match<Candidate> {
        /// Nothing the request can have created.
        case none
        /// The resource the request created.
        case found(Candidate)
        /// Several resources the request may have created, nearest the send first: the SDK does not guess.
        case ambiguous([Candidate])
    }

    /// Picks, among `candidates` already known to match the request in every other way, the one it created.
    ///
    /// Only a candidate created inside the window counts (one without a creation date never does). Of those, the one
    /// created first, nearest the send, is the request's, unless another was also created within the send interval:
    /// which of the two arrived first cannot then be told, and the match is ``Match/ambiguous(_:)``.
    func pick<Candidate>(_ candidates: [Candidate], createdAt: (Candidate) -> Date?) -> Match<Candidate> {
        let inside = candidates.compactMap { candidate -> (Candidate, Date)? in
            guard let created = createdAt(candidate), contains(created) else { return nil }
            return (candidate, created)
        }
        .sorted { $0.1 < $1.1 }
        guard let first = inside.first else { return .none }
        if inside.count > 1, inside[1].1 < sendLatest { return .ambiguous(inside.map(\.0)) }
        return .found(first.0)
    }
}

extension CreationWindow.Match: Sendable where Candidate: Sendable {}

extension CreationWindow.Match {
    /// The same outcome, with each candidate transformed (for example an iModel into its ``IModelCreation``).
    func map<Other>(_ transform: (Candidate) -> Other) -> CreationWindow.Match<Other> {
        switch self {
        case .none: return .none
        case .found(let candidate): return .found(transform(candidate))
        case .ambiguous(let candidates): return .ambiguous(candidates.map(transform))
        }
    }
}
