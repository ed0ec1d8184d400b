import Foundation

/// Decides which URLs may receive the access token: the base URL must be `https` unless its host is loopback, and a
/// link from a response is followed only when it has the base URL's scheme, host and port.
struct LinkPolicy: Sendable {
    /// The trusted origin.
    let baseURL: URL
    /// The base URL's text without trailing slashes, which every request URL starts with (computed once: reading
    /// `absoluteString` on every call costs).
    let basePath: String

    init(baseURL: URL) {
        self.baseURL = baseURL
        var path = baseURL.absoluteString
        while path.hasSuffix("/") { path.removeLast() }
        basePath = path
    }

    /// Throws ``ITwinClientError/untrustedURL(_:)`` unless the base URL is `https`, or `http` to a loopback host.
    func validateBaseURL() throws {
        guard let scheme = baseURL.scheme?.lowercased(), let host = baseURL.host, !host.isEmpty else {
            throw ITwinClientError.untrustedURL(baseURL)
        }
        guard scheme == "https" || (scheme == "http" && Self.isLoopback(host)) else {
            throw ITwinClientError.untrustedURL(baseURL)
        }
    }

    /// A link as a response gives it (`_links.next`), resolved against the base URL when it is relative
    /// (`/imodels?…&$continuationToken=2`); `nil` when it is not a URL. Check the result with ``check(_:)``.
    func resolve(_ href: String) -> URL? {
        URL(string: href, relativeTo: baseURL)?.absoluteURL
    }

    /// Returns the link when it is on the base URL's origin, else throws ``ITwinClientError/untrustedURL(_:)``.
    func check(_ link: URL) throws -> URL {
        guard let origin = Origin(link), origin == Origin(baseURL) else {
            throw ITwinClientError.untrustedURL(link)
        }
        return link
    }

    /// Whether the host is `localhost`, in `127.0.0.0/8`, or `::1`.
    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
