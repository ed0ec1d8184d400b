import Foundation

/// A description of one API call: what endpoint layers produce and the pipeline sends.
struct Endpoint: Sendable {
    /// One segment of the path below the API root.
    enum PathComponent: Sendable {
        /// A fixed segment such as `clone` (sent as written; `""` gives a trailing slash).
        case literal(String)
        /// A caller-supplied id, validated (not blank) and percent-encoded as exactly one segment.
        case id(String, name: String)
    }

    /// Where the request goes.
    enum Target: Sendable {
        /// A path below the API root of the base URL.
        case path([PathComponent])
        /// A URL taken from a response (`_links.next`), sent only when it is on the base URL's origin.
        case link(URL)
    }

    /// The SDK operation name, for example `"cloneIModel"`.
    var operation: String
    /// The API (root path and `Accept` version).
    var api: ServiceAPI
    /// The method.
    var method: HTTPMethod
    /// Where the request goes.
    var target: Target
    /// Query parameters (ignored for links, which are sent verbatim).
    var query: [(String, String)] = []
    /// Extra headers for this call.
    var headers: HTTPHeaders = [:]
    /// A JSON body.
    var body: Data?
    /// Whether a `404` to a retried DELETE means the first attempt already deleted the resource.
    var notFoundAfterRetryIsSuccess: Bool = true
    /// The local rate-limit class whose cooldown and proactive limit the request shares.
    var limitClass: RateLimitClass = .general

    /// Builds the request URL below `baseURL`, validating and encoding ids.
    func url(baseURL: URL, policy: LinkPolicy) throws -> URL {
        switch target {
        case .link(let link):
            return try policy.check(link)
        case .path(let components):
            var path = baseURL.absoluteString
            while path.hasSuffix("/") { path.removeLast() }
            path += "/" + api.rootPath
            for component in components {
                switch component {
                case .literal(let text):
                    path += "/" + text
                case .id(let value, let name):
                    guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                        throw ITwinClientError.invalidRequest("\(name) must not be empty.")
                    }
                    path += "/" + Self.encodeSegment(value)
                }
            }
            if !query.isEmpty {
                path += "?" + query.map { "\(Self.encodeQuery($0.0))=\(Self.encodeQuery($0.1))" }.joined(separator: "&")
            }
            guard let url = URL(string: path) else {
                throw ITwinClientError.invalidRequest("Could not build a URL for \(operation).")
            }
            return url
        }
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// Percent-encodes everything but unreserved characters; a segment of only dots is encoded too, so `..` can never
    /// climb the path.
    static func encodeSegment(_ value: String) -> String {
        let encoded = value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
        return value.allSatisfy { $0 == "." } ? String(repeating: "%2E", count: value.count) : encoded
    }

    /// Percent-encodes a query name or value (`$` is kept, as in `$top`).
    static func encodeQuery(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved.union(CharacterSet(charactersIn: "$"))) ?? ""
    }
}
