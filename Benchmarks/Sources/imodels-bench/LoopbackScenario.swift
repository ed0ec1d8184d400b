import Foundation
import IModelsClient

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What the SDK's `URLSessionTransport` adds to a real HTTP exchange: 2,000 sequential GETs through it to a SwiftNIO
/// server on 127.0.0.1, against 2,000 raw `URLSession.data(for:)` calls (same `.ephemeral` configuration, same
/// headers) to the same server. Wall time, medians of 7 runs taken in turns after a warm-up.
enum LoopbackScenario {
    static let requests = 2_000

    static let scenario = Scenario(name: "loopback, 2,000 GETs") {
        let server = try await LoopbackServer.start(
            body: Array(CreateOperationSeed.body), contentType: CreateOperationSeed.contentType)
        let url = URL(
            string: "http://127.0.0.1:\(server.port)/imodels/\(CreateOperationSeed.iModelId)/operations/create")!
        let headers: HTTPHeaders = [
            "Accept": CreateOperationSeed.contentType, "Authorization": "Bearer bench-token",
            "X-Correlation-Id": "7b0e3c52-8c1d-4d0e-9a44-0f6f2f5b1c11",
        ]
        let transport = URLSessionTransport()
        let session = URLSession(configuration: .ephemeral)
        var rawRequest = URLRequest(url: url)
        for field in headers { rawRequest.setValue(field.value, forHTTPHeaderField: field.name) }
        let sdkRequest = HTTPRequest(method: .get, url: url, headers: headers)
        var bytes = [0, 0]

        func viaTransport(_ count: Int) async throws {
            for _ in 0..<count { bytes[0] += try await transport.send(sdkRequest).body.count }
        }
        func viaURLSession(_ count: Int) async throws {
            for _ in 0..<count { bytes[1] += try await session.data(for: rawRequest).0.count }
        }
        defer {
            transport.shutdown()
            session.finishTasksAndInvalidate()
        }
        try await viaTransport(200)
        try await viaURLSession(200)
        let (sdk, raw) = try await WallClock.interleavedMedians(
            repetitions: 7, { try await viaTransport(requests) }, { try await viaURLSession(requests) })
        try await server.stop()
        precondition(bytes[0] == bytes[1] && bytes[0] > 0, "both sides must read the same bodies")
        let ratio = sdk / raw
        return
            "URLSessionTransport \(format(sdk / Double(requests) * 1_000_000)) µs/request, "
            + "URLSession.data(for:) \(format(raw / Double(requests) * 1_000_000)) µs/request "
            + "(\(format2(ratio))×; goal ≤ 1.05: \(ratio <= 1.05 ? "met" : "MISSED"))"
    }
}
