import Foundation
import IModelsTesting
import Testing

@testable import IModelsClient

/// Helpers shared by the iModels API suites.
enum IModelsFixtures {
    /// The base URL of every test client (see `makeClient`).
    static let base = "https://api.example.test"
    /// The `Accept` header of iModels API v2.
    static let accept = "application/vnd.bentley.itwin-platform.v2+json"

    /// Parses a JSON text into a ``JSONValue``, so bodies are compared as parsed JSON (key order and spacing do not
    /// matter, `0` and `false` do).
    static func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// The parsed JSON body of a request.
    static func body(_ request: HTTPRequest?) throws -> JSONValue {
        let data = try #require(request?.body, "the request has no body")
        return try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// `{"createOperation": {...}}` with the given state and origin (copied up to `changesetId`).
    static func createOperation(
        _ state: String, clonedFrom: String? = nil, forkedFrom: String? = nil, relationshipId: String = "rel-1",
        changesetId: String = ""
    ) -> String {
        let cloned = clonedFrom.map { #"{"iModelId":"\#($0)","changesetId":"\#(changesetId)"}"# } ?? "null"
        let forked =
            forkedFrom.map {
                #"{"iModelId":"\#($0)","changesetId":"\#(changesetId)","relationshipId":"\#(relationshipId)"}"#
            }
            ?? "null"
        return #"{"createOperation":{"state":"\#(state)","clonedFrom":\#(cloned),"forkedFrom":\#(forked)}}"#
    }

    /// `{"iModel": {...}}` with an id, a name and a state.
    static func iModel(_ id: String, name: String = "Name", state: String = "initialized") -> String {
        #"{"iModel":{"id":"\#(id)","displayName":"\#(name)","name":"\#(name)","state":"\#(state)"}}"#
    }

    /// When the test clients' virtual clock starts (`VirtualClock()`), as the service writes dates.
    static let clockStart = "2026-01-01T00:00:00.0000000Z"

    /// One page of `GET /imodels?iTwinId=…`: ids and display names, and each iModel's `createdDateTime` (what the full
    /// representation adds that the duplicate-safe lookup reads), the virtual clock's start unless given.
    static func iModelsPage(_ ids: [String], next: String? = nil, created: [String: String] = [:]) -> String {
        let items = ids.map {
            #"{"id":"\#($0)","displayName":"Name of \#($0)","createdDateTime":"\#(created[$0] ?? clockStart)"}"#
        }
        .joined(separator: ",")
        let nextLink = next.map { #"{"href":"\#($0)"}"# } ?? "null"
        return #"{"iModels":[\#(items)],"_links":{"self":null,"prev":null,"next":\#(nextLink)}}"#
    }

    /// The headers of a `202 Accepted` to a clone or fork that created `id`.
    static func accepted(_ id: String, host: String = base) -> HTTPHeaders {
        ["Location": "\(host)/imodels/\(id)", "Create-iModel-Operation": "\(host)/imodels/\(id)/operations/create"]
    }

    /// `METHOD URL` of every request, for asserting exact sequences.
    static func lines(_ stub: StubTransport) -> [String] {
        stub.requests.map { "\($0.method.rawValue) \($0.url.absoluteString)" }
    }
}

/// A client over a stub transport and a virtual clock, with a chosen polling policy.
func makeClient(
    _ transport: any HTTPTransport, clock: VirtualClock, pollingPolicy: PollingPolicy,
    retryPolicy: RetryPolicy = .default
) -> ITwinClient {
    let configuration = Configuration(
        environment: .custom(URL(string: IModelsFixtures.base)!), retryPolicy: retryPolicy,
        pollingPolicy: pollingPolicy, clock: clock, jitterSeed: 42)
    return ITwinClient(
        configuration: configuration, accessToken: { testToken }, transport: transport)
}

/// Expects the headers every iModels API request carries: the v2 `Accept`, the bearer token, a correlation id, and
/// `Content-Type: application/json` exactly when there is a body.
func expectIModelsHeaders(
    _ request: HTTPRequest, hasBody: Bool, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(request.headers["Accept"] == IModelsFixtures.accept, sourceLocation: sourceLocation)
    #expect(request.headers["Authorization"] == "Bearer \(testToken)", sourceLocation: sourceLocation)
    #expect(request.headers["X-Correlation-Id"]?.isEmpty == false, sourceLocation: sourceLocation)
    if hasBody {
        #expect(request.headers["Content-Type"] == "application/json", sourceLocation: sourceLocation)
        #expect(request.body != nil, sourceLocation: sourceLocation)
    } else {
        #expect(request.headers["Content-Type"] == nil, sourceLocation: sourceLocation)
        #expect(request.body == nil, sourceLocation: sourceLocation)
    }
}
