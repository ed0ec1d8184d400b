import Foundation

/// What the SDK's transports do with a redirect, so the token never leaves the origin it was meant for.
///
/// ``URLSessionTransport`` and `AsyncHTTPClientTransport` (package `IModelsIntegrations`) both follow it; a custom
/// transport that follows redirects should too.
public enum RedirectPolicy: Sendable, Equatable {
    /// Same origin: follow with the request unchanged.
    case follow
    /// Another origin: follow, but without the `Authorization` header.
    case followWithoutAuthorization
    /// From `https` to `http`, to a scheme other than `http`/`https`, or from an unknown URL: do not follow.
    case refuse

    /// The decision for a redirect from `source` (the URL that answered 3xx) to `target`.
    public static func decision(from source: URL?, to target: URL?) -> RedirectPolicy {
        guard let source, let target, let from = Origin(source), let to = Origin(target) else { return .refuse }
        if from.scheme == "https" && to.scheme == "http" { return .refuse }
        return from == to ? .follow : .followWithoutAuthorization
    }
}
