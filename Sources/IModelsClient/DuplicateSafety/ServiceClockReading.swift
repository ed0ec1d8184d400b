import Foundation

/// What one answer tells about the service's clock: the answer's `Date` header, and when (on this machine's clock)
/// its request was sent and the answer came back. The `Date` header is the service's clock, rounded down to the
/// second, at some moment in between.
///
/// A duplicate-safe lookup reads it from the first page of its list (``PageSequence``) to date its
/// ``CreationWindow``.
struct ServiceClockReading: Sendable, Equatable {
    /// When the request was sent, on this machine's clock.
    var sentAt: Date
    /// When its answer came back, on this machine's clock.
    var receivedAt: Date
    /// The answer's `Date` header, when it had a valid one.
    var serviceDate: Date?

    /// A reading from its parts.
    init(sentAt: Date, receivedAt: Date, serviceDate: Date?) {
        self.sentAt = sentAt
        self.receivedAt = receivedAt
        self.serviceDate = serviceDate
    }

    /// The reading of `response`, whose request was sent at `sentAt` and answered at `receivedAt`.
    init(sentAt: Date, receivedAt: Date, response: HTTPResponse) {
        self.init(
            sentAt: sentAt, receivedAt: receivedAt, serviceDate: response.headers["Date"].flatMap(HTTPDate.parse))
    }
}
