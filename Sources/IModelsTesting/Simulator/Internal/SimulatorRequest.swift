import Foundation
import IModelsClient

/// A request as the simulator's routes see it: decoded path segments, query items, the caller's origin.
struct SimulatorRequest {
    var method: HTTPMethod
    var segments: [String]
    var query: [String: String]
    var headers: HTTPHeaders
    var body: Data?
    /// `scheme://host[:port]` of the request, for the links the answers carry.
    var origin: String

    init(_ request: HTTPRequest) {
        method = request.method
        headers = request.headers
        body = request.body
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        let path = components?.percentEncodedPath ?? request.url.path
        segments = path.split(separator: "/").map { $0.removingPercentEncoding ?? String($0) }
        var query: [String: String] = [:]
        for item in components?.queryItems ?? [] where query[item.name] == nil {
            query[item.name] = item.value ?? ""
        }
        self.query = query
        // `URLComponents` keeps the brackets of an IPv6 host (`[::1]`); `URL.host` drops them.
        let host = components?.percentEncodedHost ?? request.url.host ?? "localhost"
        var origin = "\(request.url.scheme ?? "https")://\(host)"
        if let port = request.url.port { origin += ":\(port)" }
        self.origin = origin
    }

    /// The body parsed as a JSON object: `.missing` for no body, `.invalid` for anything but an object.
    var jsonObject: ParsedBody {
        guard let body, !body.isEmpty else { return .missing }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: body), let object = value.objectValue else {
            return .invalid
        }
        return .object(object)
    }

    enum ParsedBody {
        case missing
        case invalid
        case object([String: JSONValue])
    }

    /// The `Bearer` token, `""` for another scheme, `nil` without the header.
    var bearerToken: String? {
        guard let value = headers["Authorization"] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return "" }
        return String(parts[1]).trimmingCharacters(in: .whitespaces)
    }

    /// Percent-encodes one path segment (everything but the unreserved characters).
    static func encodeSegment(_ value: String) -> String {
        let unreserved = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }
}
