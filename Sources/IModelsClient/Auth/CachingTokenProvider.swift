import Foundation

/// An ``AccessTokenProvider`` that caches the token of a fetch and renews it shortly before it expires, with at most
/// one fetch in flight.
///
/// - A cached token is returned while at least `renewBefore` of its lifetime is left (for a token that lives less
///   than twice `renewBefore`: while at least half of its lifetime is left, so a short-lived token is not fetched
///   again on every call).
/// - Otherwise one fetch starts and every concurrent caller awaits that same fetch (single flight).
/// - `forceRefresh: true` (what the pipeline asks after a `401`) never returns the cached token: it joins the fetch
///   in flight, if any (it started after every token handed out so far was fetched), or starts one.
/// - A failed fetch is thrown to every caller waiting for it and is not cached; the next call fetches again.
/// - A caller cancelled while it waits throws `CancellationError`; the fetch goes on for the others and its token is
///   cached.
///
/// Its `description` shows the expiry only, never the token.
///
/// ```swift
/// let tokens = CachingTokenProvider {
///     let answer = try await myIdentityClient.clientCredentials()
///     return AccessToken(value: answer.accessToken, expiresAt: Date().addingTimeInterval(answer.expiresIn))
/// }
/// let client = ITwinClient(configuration: .init(environment: .production), tokenProvider: tokens)
/// ```
public final class CachingTokenProvider: AccessTokenProvider {
    private struct Cached {
        let token: AccessToken
        /// From this time on, the token is renewed.
        let renewAt: Date
    }

    private struct Flight {
        let id: UInt64
        var waiters: [UInt64: CheckedContinuation<String, any Error>] = [:]
    }

    private struct State {
        var cached: Cached?
        var flight: Flight?
        var nextId: UInt64 = 0

        /// The cached token while it needs no renewal at `now`.
        func freshToken(at now: Date) -> String? {
            guard let cached, now <= cached.renewAt, now < cached.token.expiresAt else { return nil }
            return cached.token.value
        }
    }

    private let fetch: @Sendable () async throws -> AccessToken
    private let renewBefore: TimeInterval
    private let clock: any ITwinClock
    private let state = Locked(State())

    /// Creates the provider.
    ///
    /// - Parameters:
    ///   - renewBefore: A token is renewed when less than this is left before it expires. Negative values act as
    ///     zero.
    ///   - clock: The time source for expiry (``SystemClock`` by default).
    ///   - fetch: Gets a new token and its expiry; called by one task at a time.
    public init(
        renewBefore: Duration = .seconds(60),
        clock: any ITwinClock = SystemClock(),
        fetch: @escaping @Sendable () async throws -> AccessToken
    ) {
        self.fetch = fetch
        self.renewBefore = max(0, renewBefore.seconds)
        self.clock = clock
    }

    /// Returns the cached token while it is fresh (unless `forceRefresh`), otherwise the token of the one fetch in
    /// flight, starting it when none is.
    public func accessToken(forceRefresh: Bool) async throws -> String {
        let lookup = state.withLock { state -> Lookup in
            if !forceRefresh, let token = state.freshToken(at: clock.now) { return .cached(token) }
            state.nextId += 1
            return .wait(as: state.nextId)
        }
        switch lookup {
        case .cached(let token): return token
        case .wait(let waiter): return try await awaitFlight(as: waiter, forceRefresh: forceRefresh)
        }
    }

    /// The expiry of the cached token, if any.
    public var expiresAt: Date? { state.withLock { $0.cached?.token.expiresAt } }

    /// The number of callers waiting for the fetch in flight (for tests).
    var waitingCallers: Int { state.withLock { $0.flight?.waiters.count ?? 0 } }

    /// Joins the flight in progress or starts one, and waits for its token.
    private func awaitFlight(as waiter: UInt64, forceRefresh: Bool) async throws -> String {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<String, any Error>) in
                let registration = state.withLock { state -> Registration in
                    if Task.isCancelled { return .cancelled }
                    // A flight may have ended since the caller looked at the cache.
                    if !forceRefresh, let token = state.freshToken(at: clock.now) { return .cached(token) }
                    if state.flight != nil {
                        state.flight?.waiters[waiter] = continuation
                        return .joined
                    }
                    state.nextId += 1
                    state.flight = Flight(id: state.nextId, waiters: [waiter: continuation])
                    return .started(flight: state.nextId)
                }
                switch registration {
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .cached(let token): continuation.resume(returning: token)
                case .joined: break
                case .started(let flight): Task { await self.run(flight: flight) }
                }
            }
        } onCancel: {
            let continuation = state.withLock { $0.flight?.waiters.removeValue(forKey: waiter) }
            continuation?.resume(throwing: CancellationError())
        }
    }

    /// Fetches, caches a token, and hands the outcome to every caller waiting for this flight.
    private func run(flight: UInt64) async {
        let started = clock.now
        let result: Result<AccessToken, any Error>
        do {
            result = .success(try await fetch())
        } catch {
            result = .failure(error)
        }
        let waiters = state.withLock { state -> [CheckedContinuation<String, any Error>] in
            guard let current = state.flight, current.id == flight else { return [] }
            state.flight = nil
            if case .success(let token) = result {
                // Renew `renewBefore` ahead of expiry, but keep a short-lived token for half of its lifetime.
                let lifetime = token.expiresAt.timeIntervalSince(started)
                let lead = min(renewBefore, max(0, lifetime / 2))
                state.cached = Cached(token: token, renewAt: token.expiresAt.addingTimeInterval(-lead))
            }
            return Array(current.waiters.values)
        }
        let outcome = result.map(\.value)
        for waiter in waiters { waiter.resume(with: outcome) }
    }

    private enum Lookup {
        case cached(String)
        case wait(as: UInt64)
    }

    private enum Registration {
        case cancelled
        case cached(String)
        case joined
        case started(flight: UInt64)
    }
}

extension CachingTokenProvider: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `CachingTokenProvider(expires …)` or `CachingTokenProvider(no token)`: never the token itself.
    public var description: String {
        guard let expiresAt else { return "CachingTokenProvider(no token)" }
        return "CachingTokenProvider(expires \(expiresAt.formatted(.iso8601)))"
    }

    /// The same as ``description``: never the token itself.
    public var debugDescription: String { description }

    /// A mirror showing the expiry only, so `dump` and debuggers do not show the token.
    public var customMirror: Mirror {
        Mirror(self, children: ["expiresAt": expiresAt as Any], displayStyle: .class)
    }
}
