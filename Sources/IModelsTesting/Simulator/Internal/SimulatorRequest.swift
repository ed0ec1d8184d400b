import Foundation
import IModelsClient

/// A request as the simulator's routes see it: decoded path segments, query items, the caller's origin.
struct SimulatorRequest {
    var method: HTTPMethod
    var segments: [String]
    var query: [String: String]
    var headers: HTTPHeaders
    var body: Data?
    /// `scheme://host[:port]` of the request, plus any path before `/imodels` or `/transformations` (a gateway's
    /// prefix, as in a `.custom` base URL): the root of the links the answers carry.
    var origin: String

    init(_ request: HTTPRequest) {
        method = request.method
        headers = request.headers
        body = request.body
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        let path = components?.percentEncodedPath ?? request.url.path
        let encoded = path.split(separator: "/").map(String.init)
        var decoded = encoded.map { $0.removingPercentEncoding ?? $0 }
        // Route from the API's name on, whatever prefix the base URL has.
        let apiIndex = decoded.firstIndex { SimulatedAPI(rawValue: $0) != nil } ?? 0
        decoded.removeFirst(apiIndex)
        segments = decoded
        var query: [String: String] = [:]
        for item in components?.queryItems ?? [] where query[item.name] == nil {
            query[item.name] = item.value ?? ""
        }
        self.query = query
        // `URLComponents` keeps the brackets of an IPv6 host (`[::1]`); `URL.host` drops them.
        let host = components?.percentEncodedHost ?? request.url.host ?? "localhost"
        var origin = "\(request.url.scheme ?? "https")://\(host)"
        if let port = request.url.port { origin += ":\(port)" }
        for prefix in encoded.prefix(apiIndex) { origin += "/\(prefix)" }
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

    /// Whether `Prefer` asks for `return=representation` (lists answer the minimal shape otherwise, as documented).
    var prefersRepresentation: Bool {
        headers["Prefer"]?.lowercased().contains("return=representation") ?? false
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
