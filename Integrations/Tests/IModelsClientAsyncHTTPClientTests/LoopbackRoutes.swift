import Foundation
import IModelsClient
import SocketFaultServer

/// The answers of the contract tests' loopback server, by path:
///
/// - `/echo`: 200 with the request as JSON (``Echo``);
/// - `/status/{code}`: that status, body `status-{code}`;
/// - `/slow?seconds=N`: 200 after N seconds;
/// - `/redirect?code=C&to=URL`: status C with `Location: URL`;
/// - `/big?bytes=N`: 200 with N bytes of `a`.
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
        case "big":
            return HTTPResponse(
                status: 200, body: Data(repeating: UInt8(ascii: "a"), count: Int(query["bytes"] ?? "0") ?? 0))
        default:
            return HTTPResponse(status: 404)
        }
    }
}
