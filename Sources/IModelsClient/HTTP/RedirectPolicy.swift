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

    /// The statuses that redirect to their `Location`.
    public static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    /// Where an answer redirects: its `Location` resolved against `source`, or `nil` when the answer is not a
    /// redirect (another status, or no usable `Location`).
    public static func target(ofAnswer status: Int, location: String?, from source: URL) -> URL? {
        guard redirectStatuses.contains(status), let location else { return nil }
        return URL(string: location, relativeTo: source)?.absoluteURL
    }

    /// What a transport says when it refuses a redirect: `refused a 302 redirect from https://a to http://b` (origins
    /// only, never a path or query).
    public static func refusal(status: Int, from source: URL, to target: URL) -> String {
        let from = Origin(source).map(String.init(describing:)) ?? "an unknown origin"
        let to = Origin(target).map(String.init(describing:)) ?? "a \(target.scheme ?? "relative") URL"
        return "refused a \(status) redirect from \(from) to \(to)"
    }
}
