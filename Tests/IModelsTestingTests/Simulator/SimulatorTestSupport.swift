import Foundation
import IModelsClient
import IModelsTesting
import Testing

/// The origin raw requests are sent to unless a test says otherwise.
let productionOrigin = "https://api.bentley.com"
/// The token every simulator world accepts, with every permission.
let simulatorToken = "sim-token-4b1e"
/// The Accept header of the iModels API v2.
let iModelsAccept = "application/vnd.bentley.itwin-platform.v2+json"

/// What the simulator suites seed: one iTwin with a source iModel, and a second, empty iTwin.
struct SimulatorSeeds: Sendable {
    /// "Bridges", holding the source.
    let iTwin: String
    /// "Copies", an empty second iTwin.
    let otherITwin: String
    /// "Bridge", with the changesets asked for.
    let source: String
}

/// A simulator on a virtual clock with ``SimulatorSeeds`` and an accepted token (`simulatorToken`), and a way to send
/// it raw requests.
extension SimulatorFixture where World == SimulatorSeeds {
    static func bridges(
        options: SimulatorOptions = SimulatorOptions(), changesetCount: Int = 3, idSeed: UInt64 = 1,
        missingFederationGuids: Bool = false
    ) -> Self {
        SimulatorFixture(options: options, idSeed: idSeed, accessToken: simulatorToken) { simulator in
            let iTwin = simulator.addITwin(name: "Bridges")
            let otherITwin = simulator.addITwin(name: "Copies")
            let source = simulator.addIModel(
                SimulatorIModelSeed(
                    iTwinId: iTwin, name: "Bridge", description: "The source bridge",
                    extent: IModelExtent(
                        southWest: .init(latitude: 46.1, longitude: 7.2),
                        northEast: .init(latitude: 46.3, longitude: 7.5)),
                    changesetCount: changesetCount, isMissingFederationGuids: missingFederationGuids))
            return SimulatorSeeds(iTwin: iTwin, otherITwin: otherITwin, source: source)
        }
    }

    /// Sends a raw request: `path` is percent-encoded by the caller, `query` items are encoded here.
    func send(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], json: String? = nil,
        headers: HTTPHeaders = [:], token: String? = simulatorToken, accept: String? = iModelsAccept,
        origin: String = productionOrigin
    ) async throws -> SimulatorResponse {
        var components = try #require(URLComponents(string: origin + path))
        if !query.isEmpty { components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) } }
        return try await send(
            method, url: try #require(components.url), json: json, headers: headers, token: token, accept: accept)
    }

    /// Sends a raw request to an absolute URL (for example a `_links.next` href).
    func send(
        _ method: HTTPMethod, url: URL, json: String? = nil, headers: HTTPHeaders = [:],
        token: String? = simulatorToken, accept: String? = iModelsAccept
    ) async throws -> SimulatorResponse {
        var all = headers
        if let token { all["Authorization"] = "Bearer \(token)" }
        if let accept { all["Accept"] = accept }
        if json != nil { all["Content-Type"] = "application/json" }
        let request = HTTPRequest(method: method, url: url, headers: all, body: json.map { Data($0.utf8) })
        return SimulatorResponse(try await simulator.send(request))
    }

    /// `POST /imodels/{source}/clone` (or `/fork`) with a JSON body.
    func copy(
        fork: Bool = false, _ json: String, from sourceId: String? = nil, token: String? = simulatorToken
    ) async throws -> SimulatorResponse {
        try await send(
            .post, "/imodels/\(sourceId ?? world.source)/\(fork ? "fork" : "clone")", json: json, token: token)
    }

    /// Clones (or forks) into `iTwinId` with `name` and returns the new iModel's id read from `Location`.
    func copied(
        _ sourceId: String? = nil, fork: Bool = false, into iTwinId: String? = nil, name: String,
        extra: String = ""
    ) async throws -> String {
        let response = try await copy(
            fork: fork, #"{"iTwinId":"\#(iTwinId ?? world.iTwin)","name":"\#(name)"\#(extra)}"#, from: sourceId)
        try #require(response.status == 202, "copy answered \(response.status): \(response.text)")
        return try response.locationId()
    }

    /// The JSON object of `GET /imodels/{id}`'s `iModel`.
    func iModelJSON(_ id: String) async throws -> [String: Any] {
        let response = try await send(.get, "/imodels/\(id)")
        try #require(response.status == 200, "get iModel answered \(response.status)")
        return try #require(try response.object()["iModel"] as? [String: Any])
    }

    /// The JSON object of `GET /imodels/{id}/operations/create`'s `createOperation`.
    func createOperationJSON(_ id: String) async throws -> [String: Any] {
        let response = try await send(.get, "/imodels/\(id)/operations/create")
        try #require(response.status == 200, "get create operation answered \(response.status)")
        return try #require(try response.object()["createOperation"] as? [String: Any])
    }

    /// `state` of the iModel and of its create operation, over raw requests.
    func states(_ id: String) async throws -> (iModel: String?, operation: String?) {
        (try await iModelJSON(id)["state"] as? String, try await createOperationJSON(id)["state"] as? String)
    }

    /// Moves the clock to `seconds` after the world's start.
    func advance(toElapsed seconds: TimeInterval) {
        clock.advance(to: start.addingTimeInterval(seconds))
    }

    /// How many iModels named `name` the iTwin holds.
    func count(named name: String, in iTwinId: String? = nil) -> Int {
        simulator.iModels(in: iTwinId ?? world.iTwin).filter { $0.name == name }.count
    }
}

/// A raw answer, with helpers to read its JSON.
struct SimulatorResponse {
    let status: Int
    let headers: HTTPHeaders
    let body: Data

    init(_ response: HTTPResponse) {
        status = response.status
        headers = response.headers
        body = response.body
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object.
    func object() throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: body)
        return try #require(value as? [String: Any], "not a JSON object: \(text)")
    }

    /// `error` of the error envelope.
    func error() throws -> [String: Any] {
        try #require(try object()["error"] as? [String: Any], "no error envelope: \(text)")
    }

    /// `error.code`.
    func errorCode() throws -> String? { try error()["code"] as? String }

    /// The codes of `error.details`.
    func detailCodes() throws -> [String] {
        ((try error()["details"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }
    }

    /// The targets of `error.details`.
    func detailTargets() throws -> [String] {
        ((try error()["details"] as? [[String: Any]]) ?? []).compactMap { $0["target"] as? String }
    }

    /// The items of a collection answer.
    func items(_ key: String) throws -> [[String: Any]] {
        try #require(try object()[key] as? [[String: Any]], "no \(key) array: \(text)")
    }

    /// `_links.<name>.href`, or `nil` when the link is null.
    func link(_ name: String) throws -> URL? {
        let links = try #require(try object()["_links"] as? [String: Any])
        guard let link = links[name] as? [String: Any] else { return nil }
        return URL(string: try #require(link["href"] as? String))
    }

    /// The new iModel's id from the `Location` header (`…/imodels/{id}`).
    func locationId() throws -> String {
        let location = try #require(headers["Location"], "no Location header")
        let url = try #require(URL(string: location))
        let segments = url.path.split(separator: "/").map(String.init)
        try #require(segments.count == 2 && segments[0] == "imodels", "unexpected Location \(location)")
        return segments[1]
    }
}

/// The ids of a collection's items, in order.
func ids(_ items: [[String: Any]]) -> [String] { items.compactMap { $0["id"] as? String } }
