import Foundation
import IModelsTesting
import Testing

@testable import IModelsClient

/// The token every test client sends; tests assert it never leaks.
let testToken = "SECRET-TOKEN-7f3a9c"

/// Records log events.
final class LogRecorder: Sendable {
    private let events = Locked<[LogEvent]>([])
    var all: [LogEvent] { events.withLock { $0 } }
    func record(_ event: LogEvent) { events.withLock { $0.append(event) } }
}

/// Counts token requests, and how many of them forced a refresh.
final class CountingTokenProvider: AccessTokenProvider {
    private let counts = Locked<(plain: Int, forced: Int)>((0, 0))
    var plainCalls: Int { counts.withLock { $0.plain } }
    var forcedCalls: Int { counts.withLock { $0.forced } }
    func accessToken(forceRefresh: Bool) async throws -> String {
        counts.withLock {
            if forceRefresh { $0.forced += 1 } else { $0.plain += 1 }
        }
        return testToken
    }
}

/// A client over a stub transport and a virtual clock.
func makeClient(
    _ transport: any HTTPTransport,
    clock: VirtualClock = VirtualClock(),
    baseURL: URL = URL(string: "https://api.example.test")!,
    retryPolicy: RetryPolicy = .default,
    tokenProvider: (any AccessTokenProvider)? = nil,
    log: LogRecorder? = nil
) -> ITwinClient {
    var configuration = Configuration(
        environment: .custom(baseURL), retryPolicy: retryPolicy, clock: clock, jitterSeed: 42)
    if let log {
        configuration.log = { event in log.record(event) }
    }
    let provider: any AccessTokenProvider = tokenProvider ?? ClosureTokenProvider { testToken }
    return ITwinClient(configuration: configuration, tokenProvider: provider, transport: transport)
}

/// A GET of `/imodels/{id}/operations/create`, the simplest idempotent call.
func getEndpoint(_ id: String = "abc") -> Endpoint {
    Endpoint(
        operation: "getCreateOperation", api: .iModels, method: .get,
        target: .path([.id(id, name: "iModelId"), .literal("operations"), .literal("create")]))
}

/// A POST of `/imodels/{id}/clone`, the typical non-idempotent call.
func postEndpoint(_ id: String = "abc") -> Endpoint {
    Endpoint(
        operation: "cloneIModel", api: .iModels, method: .post,
        target: .path([.id(id, name: "iModelId"), .literal("clone")]),
        body: Data(#"{"iTwinId":"t"}"#.utf8))
}

/// A DELETE of `/imodels/{id}`.
func deleteEndpoint(_ id: String = "abc") -> Endpoint {
    Endpoint(operation: "deleteIModel", api: .iModels, method: .delete, target: .path([.id(id, name: "iModelId")]))
}

/// A fixture from `Fixtures/`.
func fixture(_ name: String) throws -> Data {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
    return try Data(contentsOf: url)
}

/// A lost connection after the request was sent.
let connectionLost = TransportFailure(
    kind: .connectionLost, underlyingDescription: "The network connection was lost.", requestMayHaveReachedServer: true)

/// A refused connection: the request was not sent.
let connectionRefused = TransportFailure(
    kind: .cannotConnect, underlyingDescription: "Could not connect to the server.", requestMayHaveReachedServer: false)

/// Runs `body` and returns the ITwinClientError it throws, or nil.
func captureError(_ body: () async throws -> Void) async -> ITwinClientError? {
    do {
        try await body()
        return nil
    } catch let error as ITwinClientError {
        return error
    } catch {
        return nil
    }
}
