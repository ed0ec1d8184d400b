import Foundation

/// The scheme, host and port of an `http` or `https` URL, with the default port filled in.
///
/// Two URLs have the same origin when these three match: `https://Example.com/a` and
/// `https://example.com:443/b` do, `https://example.com` and `https://example.com:8443` do not.
package struct Origin: Sendable, Hashable, CustomStringConvertible {
    /// `http` or `https`, lowercased.
    package var scheme: String
    /// The host, lowercased.
    package var host: String
    /// The port, `80` or `443` when the URL has none.
    package var port: Int

    /// The origin of `url`, or `nil` when it is not an absolute `http` or `https` URL with a host.
    package init?(_ url: URL) {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !host.isEmpty else {
            return nil
        }
        let defaultPort: Int
        switch scheme {
        case "http": defaultPort = 80
        case "https": defaultPort = 443
        default: return nil
        }
        self.scheme = scheme
        self.host = host
        self.port = url.port ?? defaultPort
    }

    /// `scheme://host:port`.
    package var description: String { "\(scheme)://\(host):\(port)" }
}
