import Foundation
import IModelsClient

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The cost of `URLSessionTransport`'s fix for requests with a body (each on a new connection, `Connection:
/// close`, so that libcurl never resends one without its body): 1,000 POSTs one at a time through it, against
/// the same POSTs through one plain `URLSession` that reuses its connections as the transport did before the fix.
/// Medians of 5 runs taken in turns after a warm-up.
enum PostCostScenario {
    static let requests = 1_000

    static let scenario = Scenario(name: "loopback, 1,000 POSTs (cost of the new-connection fix)") {
        let server = try await LoopbackServer.start(
            body: Array(CreateOperationSeed.body), contentType: CreateOperationSeed.contentType)
        let url = URL(string: "http://127.0.0.1:\(server.port)/transformations/")!
        let body = Data(#"{"configurationId":"5b7ebf6d-3f6a-4a3a-9d7c-0e9e3c7a8b11"}"#.utf8)
        let request = HTTPRequest(
            method: .post, url: url, headers: ["Content-Type": "application/json", "Authorization": "Bearer bench"],
            body: body, timeout: .seconds(60))
        let clients = LoopbackClients(request: request)
        let expected = CreateOperationSeed.body.count
        let bodies: [() async throws -> Void] = [clients.rawURLSession, clients.viaURLSessionTransport].map { send in
            { try await LoopbackScenario.send(requests, concurrency: 1, expecting: expected, send) }
        }
        for body in bodies { try await body() }
        let samples = try await CPUClock.interleavedMedians(repetitions: 5, bodies)
        try await clients.shutdown()
        try await server.stop()
        let perSecond = samples.map { Double(requests) / $0.wall }
        return "reusing connections (before the fix) \(format(perSecond[0].rounded())) POSTs/s, "
            + "URLSessionTransport (a new connection each) \(format(perSecond[1].rounded())) POSTs/s "
            + "(\(format2(perSecond[0] / perSecond[1]))× the time per POST)"
    }
}
