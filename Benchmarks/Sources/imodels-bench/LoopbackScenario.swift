import Foundation
import IModelsClient

/// What each of the SDK's real transports adds to a real HTTP exchange, against its own raw floor: 2,000 GETs one
/// at a time and 2,000 at concurrency 32 to a SwiftNIO server on 127.0.0.1, through raw `URLSession.data(for:)`,
/// `URLSessionTransport`, raw AsyncHTTPClient `HTTPClient.execute` and `AsyncHTTPClientTransport` (same headers,
/// a 60 s timeout as the SDK sets). Wall time and process CPU time per request, medians of 5 runs taken in turns
/// after a warm-up.
enum LoopbackScenario {
    static let requests = 2_000
    static let concurrency = 32

    static let scenarios = [
        Scenario(name: "loopback, 2,000 GETs one at a time") { try await measure(concurrency: 1) },
        Scenario(name: "loopback, 2,000 GETs at concurrency 32") { try await measure(concurrency: concurrency) },
    ]

    static func measure(concurrency: Int) async throws -> String {
        let server = try await LoopbackServer.start(
            body: Array(CreateOperationSeed.body), contentType: CreateOperationSeed.contentType)
        let url = URL(
            string: "http://127.0.0.1:\(server.port)/imodels/\(CreateOperationSeed.iModelId)/operations/create")!
        let headers: HTTPHeaders = [
            "Accept": CreateOperationSeed.contentType, "Authorization": "Bearer bench-token",
            "X-Correlation-Id": "7b0e3c52-8c1d-4d0e-9a44-0f6f2f5b1c11",
        ]
        let clients = LoopbackClients(
            request: HTTPRequest(method: .get, url: url, headers: headers, timeout: .seconds(60)))
        let expected = CreateOperationSeed.body.count
        let bodies: [() async throws -> Void] = clients.all.map { client in
            { try await send(requests, concurrency: concurrency, expecting: expected, client.send) }
        }
        for body in bodies { try await body() }  // warm-up: connections, caches
        let samples = try await CPUClock.interleavedMedians(repetitions: 5, bodies)
        try await clients.shutdown()
        try await server.stop()

        let perRequest = samples.map { (wall: $0.wall / Double(requests) * 1e6, cpu: $0.cpu / Double(requests) * 1e6) }
        let figures = zip(clients.all, perRequest).map { client, figure in
            "\(client.name) \(format(figure.wall)) µs (CPU \(format(figure.cpu)) µs)"
        }
        let urlSessionRatio = perRequest[1].wall / perRequest[0].wall
        let asyncHTTPClientRatio = perRequest[3].wall / perRequest[2].wall
        let floors = perRequest[0].wall / perRequest[2].wall
        return figures.joined(separator: ", ") + " per request; URLSessionTransport \(format2(urlSessionRatio))× its "
            + "floor, AsyncHTTPClientTransport \(format2(asyncHTTPClientRatio))× its floor (goal ≤ 1.05: "
            + "\(urlSessionRatio <= 1.05 ? "met" : "MISSED"), \(asyncHTTPClientRatio <= 1.05 ? "met" : "MISSED")); "
            + "raw HTTPClient is \(format2(floors))× as fast as raw URLSession"
    }

    /// A body of another size than the server sends: the client read it wrong.
    struct UnexpectedBody: Error {
        var size: Int
        var expected: Int
    }

    /// Sends `count` requests through `send`, `concurrency` at a time, checking every body's size.
    static func send(
        _ count: Int, concurrency: Int, expecting bytes: Int, _ send: @escaping @Sendable () async throws -> Int
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    for _ in stride(from: worker, to: count, by: concurrency) {
                        let size = try await send()
                        guard size == bytes else { throw UnexpectedBody(size: size, expected: bytes) }
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
