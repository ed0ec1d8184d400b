import Foundation
import IModelsClient
import SocketFaultServer

/// The answers of the contract tests' loopback server, by path:
///
/// - `/echo`: 200 with the request as JSON (``Echo``);
/// - `/status/{code}`: that status, body `status-{code}`;
/// - `/slow?seconds=N`: 200 after N seconds;
/// - `/redirect?code=C&to=URL`: status C with `Location: URL`;
/// - `/big?bytes=N`: 200 with N bytes of `a`;
/// - `/api/{link}/transformations/reports`: a Get report answer whose one report downloads from `link` (base64url), so
///   a client whose base URL is `/api/{link}` reads a report that points at another origin.
enum LoopbackRoutes {
    /// What `/echo` answers.
    struct Echo: Codable, Sendable {
        var method: String
        var path: String
        var query: String
        var headers: [String: String]
        var body: String

        /// The header's value, its name compared without case.
        func header(_ name: String) -> String? {
            headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    static let responder: SocketFaultServer.Responder = { request in
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        let query = Dictionary(
            (components?.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { first, _ in first })
        let parts = request.url.path.split(separator: "/").map(String.init)
        switch parts.first {
        case "echo":
            let echo = Echo(
                method: request.method.rawValue, path: request.url.path, query: components?.query ?? "",
                headers: Dictionary(request.headers.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last }),
                body: String(decoding: request.body ?? Data(), as: UTF8.self))
            let body = (try? JSONEncoder().encode(echo)) ?? Data()
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: body)
        case "status":
            let code = parts.count > 1 ? Int(parts[1]) ?? 500 : 500
            return HTTPResponse(status: code, body: Data("status-\(code)".utf8))
        case "slow":
            try? await Task.sleep(for: .seconds(Double(query["seconds"] ?? "1") ?? 1))
            return HTTPResponse(status: 200, body: Data("slow".utf8))
        case "redirect":
            return HTTPResponse(status: Int(query["code"] ?? "302") ?? 302, headers: ["Location": query["to"] ?? "/"])
        case "api" where parts.count == 4 && parts[2] == "transformations" && parts[3] == "reports":
            let link = Self.decodeLink(parts[1]) ?? ""
            let reports =
                #"{"reports":[{"id":"r1","transformationId":"t1","_links":{"download":{"href":"\#(link)"}}}]}"#
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Data(reports.utf8))
        case "big":
            return HTTPResponse(
                status: 200, body: Data(repeating: UInt8(ascii: "a"), count: Int(query["bytes"] ?? "0") ?? 0))
        default:
            return HTTPResponse(status: 404)
        }
    }

    /// `link` as a path segment of `/api/{link}`: base64url without padding.
    static func encodeLink(_ link: URL) -> String {
        Data(link.absoluteString.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func decodeLink(_ segment: String) -> String? {
        var base64 = segment.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) }
    }
}
