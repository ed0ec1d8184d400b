/// Supplies the bearer access token for each attempt of each request.
///
/// The pipeline calls ``accessToken(forceRefresh:)`` with `false` for every attempt, and once with `true` after a
/// `401` answer before trying again. Wrap a token fetch that reports expiry in ``CachingTokenProvider`` to get
/// single-flight refresh and early renewal.
public protocol AccessTokenProvider: Sendable {
    /// Returns the token (without the `Bearer ` prefix). With `forceRefresh`, any cached token must not be reused.
    func accessToken(forceRefresh: Bool) async throws -> String
}

/// An ``AccessTokenProvider`` over a closure, called for every attempt (`forceRefresh` is ignored: the closure is
/// asked anew each time anyway). Users pass the closure to ``ITwinClient/init(configuration:accessToken:transport:)``.
struct ClosureTokenProvider: AccessTokenProvider {
    private let fetch: @Sendable () async throws -> String

    init(_ fetch: @escaping @Sendable () async throws -> String) { self.fetch = fetch }

    func accessToken(forceRefresh: Bool) async throws -> String { try await fetch() }
}
