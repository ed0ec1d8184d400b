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
    /// Whether sending the request again has the same effect as sending it once, when that differs from the method's
    /// ``HTTPMethod/isIdempotent`` (`nil`: as the method says). A `PATCH` that sets fields to given values is: the
    /// pipeline then retries it after a `5xx`, a timeout or a lost connection as it retries a GET.
    var isIdempotent: Bool?
    /// Whether a `404` to a retried DELETE means the first attempt already deleted the resource.
    var notFoundAfterRetryIsSuccess: Bool = true
    /// The local rate-limit class whose cooldown and proactive limit the request shares.
    var limitClass: RateLimitClass = .general

    /// Builds the request URL below the policy's base URL, validating and encoding ids.
    func url(policy: LinkPolicy) throws -> URL {
        switch target {
        case .link(let link):
            return try policy.check(link)
        case .path(let components):
            var path = policy.basePath
            path += "/" + api.rootPath
            for component in components {
                switch component {
                case .literal(let text):
                    path += "/" + text
                case .id(let value, let name):
                    try InputValidation.id(value, named: name)
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

    /// Percent-encodes everything but unreserved characters; a segment of only dots is encoded too, so `..` can never
    /// climb the path.
    static func encodeSegment(_ value: String) -> String {
        value.utf8.allSatisfy { $0 == UInt8(ascii: ".") }
            ? String(repeating: "%2E", count: value.utf8.count) : percentEncode(value, keepingDollar: false)
    }

    /// Percent-encodes a query name or value (`$` is kept, as in `$top`).
    static func encodeQuery(_ value: String) -> String {
        percentEncode(value, keepingDollar: true)
    }

    /// Percent-encodes the UTF-8 bytes of `value` that are not unreserved (RFC 3986: `A-Z a-z 0-9 - . _ ~`), and `$`
    /// unless it is kept. Works on bytes, without Foundation's `CharacterSet` bridging: it runs once per id per call.
    private static func percentEncode(_ value: String, keepingDollar: Bool) -> String {
        func isKept(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                return true
            case UInt8(ascii: "$"):
                return keepingDollar
            default:
                return false
            }
        }
        if value.utf8.allSatisfy(isKept) { return value }
        let hex = Array("0123456789ABCDEF".utf8)
        var encoded: [UInt8] = []
        encoded.reserveCapacity(value.utf8.count * 3)
        for byte in value.utf8 {
            if isKept(byte) {
                encoded.append(byte)
            } else {
                encoded += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }
}
