import Foundation
import IModelsClient
import IModelsTesting
import Testing

/// What the transformation suites seed: two iTwins and a few iModels.
struct TransformationsSeeds: Sendable {
    /// The iTwin of every iModel below.
    let iTwin: String
    /// An iTwin without iModels.
    let otherITwin: String
    /// An iModel named "Bridge" with 3 changesets and 1,000 elements.
    let source: String
    /// A second source, "Tunnel", with 2,000 elements.
    let secondSource: String
    /// An empty target iModel.
    let target: String
    /// An iModel whose elements lack FederationGuids.
    let main: String

    static let token = "sim-token"
    static let importPath = "/transformations/configurations/importimodel"
    static let mergePath = "/transformations/configurations/mergeimodel"
    static let populatePath = "/transformations/configurations/populatefederationguids"
}

/// A simulator with ``TransformationsSeeds``, spoken to with raw HTTP requests (so tests can send bodies the SDK never
/// would) on a virtual clock that only the test moves.
extension SimulatorFixture where World == TransformationsSeeds {
    static func transformations(options: SimulatorOptions = SimulatorOptions()) -> Self {
        SimulatorFixture(options: options, accessToken: TransformationsSeeds.token) { simulator in
            let iTwin = simulator.addITwin(name: "Bridges")
            let otherITwin = simulator.addITwin(name: "Elsewhere")
            let source = simulator.addIModel(
                SimulatorIModelSeed(iTwinId: iTwin, name: "Bridge", changesetCount: 3, elementCount: 1_000))
            let secondSource = simulator.addIModel(
                SimulatorIModelSeed(iTwinId: iTwin, name: "Tunnel", changesetCount: 1, elementCount: 2_000))
            let target = simulator.addIModel(SimulatorIModelSeed(iTwinId: iTwin, name: "Target", elementCount: 0))
            let main = simulator.addIModel(
                SimulatorIModelSeed(
                    iTwinId: iTwin, name: "Main", changesetCount: 2, isMissingFederationGuids: true, elementCount: 500))
            return TransformationsSeeds(
                iTwin: iTwin, otherITwin: otherITwin, source: source, secondSource: secondSource, target: target,
                main: main)
        }
    }

    /// Sends a request as the SDK would (bearer token, the API's Accept header) and reads the answer.
    func send(
        _ method: HTTPMethod, _ path: String, json: String? = nil, headers: HTTPHeaders = [:],
        token: String? = TransformationsSeeds.token
    ) async throws -> SimulatorAnswer {
        var all: HTTPHeaders = [
            "Accept": path.hasPrefix("/imodels")
                ? "application/vnd.bentley.itwin-platform.v2+json" : "application/vnd.bentley.itwin-platform.v1+json"
        ]
        if let token { all["Authorization"] = "Bearer \(token)" }
        if json != nil { all["Content-Type"] = "application/json" }
        for field in headers { all[field.name] = field.value }
        let url = try #require(URL(string: "https://api.bentley.com\(path)"))
        let response = try await simulator.send(
            HTTPRequest(method: method, url: url, headers: all, body: json.map { Data($0.utf8) }))
        return SimulatorAnswer(response: response)
    }

    /// The body of a configuration request with every required field; `replacing` sets (or, with `nil`, removes)
    /// members, `extra` adds raw JSON members.
    func configurationBody(
        source: String? = nil, target: String? = nil, sourceProject: String? = nil, targetProject: String? = nil,
        replacing: [String: String?] = [:], extra: String? = nil
    ) -> String {
        var fields: [(String, String?)] = [
            ("transformName", "Example name"), ("sourceProjectId", sourceProject ?? world.iTwin),
            ("sourceIModelId", source ?? world.source), ("targetProjectId", targetProject ?? world.iTwin),
            ("targetIModelId", target ?? self.target), ("comment", "Example comment"),
        ]
        for (key, value) in replacing {
            if let index = fields.firstIndex(where: { $0.0 == key }) {
                fields[index].1 = value
            } else {
                fields.append((key, value))
            }
        }
        var members = fields.compactMap { key, value in value.map { #""\#(key)":"\#($0)""# } }
        if let extra { members.append(extra) }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// Creates a configuration and returns its id.
    func createConfiguration(_ path: String = TransformationsSeeds.importPath, _ body: String? = nil) async throws
        -> String
    {
        let answer = try await send(.post, path, json: body ?? configurationBody())
        try #require(answer.status == 201, "configuration refused: \(answer.text)")
        return try #require(answer.configuration?.id)
    }

    /// Starts a run of a configuration and returns the answer.
    func startRun(_ configurationId: String, queueing: Bool = false) async throws -> SimulatorAnswer {
        try await send(
            .post, "/transformations/", json: #"{"configurationId":"\#(configurationId)"}"#,
            headers: queueing ? ["Enable-Transformation-Queueing": "true"] : [:])
    }

    /// Starts a run that must be accepted and returns it.
    func run(_ configurationId: String, queueing: Bool = false) async throws -> Transformation {
        let answer = try await startRun(configurationId, queueing: queueing)
        try #require(answer.status == 201, "run refused: \(answer.text)")
        return try #require(answer.transformation)
    }

    /// Reads a run.
    func get(_ runId: String) async throws -> Transformation {
        let answer = try await send(.get, "/transformations/\(runId)")
        try #require(answer.status == 200, "GET run failed: \(answer.text)")
        return try #require(answer.transformation)
    }

    /// Moves the clock by `seconds` and reads the run.
    func get(_ runId: String, after seconds: Double) async throws -> Transformation {
        clock.advance(by: .milliseconds(Int(seconds * 1000)))
        return try await get(runId)
    }

    /// Moves the clock far enough for any run of the bench's iModels to finish.
    func finishEverything() {
        clock.advance(by: .seconds(600))
    }
}

/// An answer of the simulator, decoded the ways the tests need.
struct SimulatorAnswer {
    let response: HTTPResponse

    var status: Int { response.status }
    var text: String { String(decoding: response.body, as: UTF8.self) }

    /// The top-level JSON object.
    var object: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
    }

    /// The `configuration` member, as a raw object.
    var rawConfiguration: [String: Any]? { object?["configuration"] as? [String: Any] }

    /// The `configuration` member, decoded.
    var configuration: TransformationConfiguration? {
        try? JSONDecoder().decode(Wrapped<TransformationConfiguration>.self, from: response.body).configuration
    }

    /// The `transformation` member, decoded.
    var transformation: Transformation? {
        try? JSONDecoder().decode(Wrapped<Transformation>.self, from: response.body).transformation
    }

    /// The `error` member.
    var error: WireError? { try? JSONDecoder().decode(ErrorBody.self, from: response.body).error }

    private struct Wrapped<Value: Decodable>: Decodable {
        var configuration: Value?
        var transformation: Value?
    }

    private struct ErrorBody: Decodable { var error: WireError }
}

/// `{"code","message","target"?,"details"?}` as the simulator sends it.
struct WireError: Decodable, Equatable {
    struct Detail: Decodable, Equatable {
        var code: String
        var message: String
        var target: String?
    }

    var code: String
    var message: String
    var target: String?
    var details: [Detail]?
}
