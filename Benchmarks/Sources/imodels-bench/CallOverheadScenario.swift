import Foundation
import IModelsClient

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What a call costs when the network costs nothing: 10,000 `createOperation(of:)` calls through `ITwinClient` over an
/// in-memory transport answering the seed's JSON, against (a) hand-written code that builds the `URLRequest` and
/// decodes a minimal struct of the same shape with `JSONDecoder`, and (b) the swift-openapi-generator client over an
/// in-memory `ClientTransport` answering the same bytes. Wall time, medians of 9 runs taken in turns.
enum CallOverheadScenario {
    static let calls = 10_000

    static let scenario = Scenario(name: "call overhead, 10,000 createOperation(of:)") {
        let token = "bench-token"
        let id = CreateOperationSeed.iModelId
        let client = ITwinClient(
            configuration: Configuration(environment: .production), accessToken: { token },
            transport: FixedResponseTransport(body: CreateOperationSeed.body))
        let handWritten = HandWrittenCall(accessToken: token, body: CreateOperationSeed.body)
        let peer = OpenAPIPeer(accessToken: token, body: CreateOperationSeed.body)
        var scheduled = [0, 0, 0]
        let medians = try await WallClock.interleavedMedians(
            repetitions: 9,
            [
                {
                    for _ in 0..<calls where try await client.iModels.createOperation(of: id).state == .scheduled {
                        scheduled[0] += 1
                    }
                },
                {
                    for _ in 0..<calls where try handWritten.createOperationState(of: id) == "scheduled" {
                        scheduled[1] += 1
                    }
                },
                {
                    for _ in 0..<calls where try await peer.createOperationState(of: id) == "scheduled" {
                        scheduled[2] += 1
                    }
                },
            ])
        precondition(Set(scheduled) == [calls * 9], "every side must decode every answer")
        let perCall = medians.map { $0 / Double(calls) * 1_000_000 }
        let versusHandWritten = perCall[0] / perCall[1]
        let versusGenerated = perCall[0] / perCall[2]
        return
            "SDK \(format2(perCall[0])) µs/call, hand-written \(format2(perCall[1])) µs/call, "
            + "OpenAPI-generated \(format2(perCall[2])) µs/call; SDK/hand-written \(format2(versusHandWritten))× "
            + "(goal ≤ 1.3: \(versusHandWritten <= 1.3 ? "met" : "MISSED")), SDK/generated \(format2(versusGenerated))× "
            + "(goal < 1: \(versusGenerated < 1 ? "met" : "MISSED"))"
    }
}

/// The baseline: what a team writes by hand with URLSession types (the send is an in-memory function).
struct HandWrittenCall: Sendable {
    let accessToken: String
    let body: Data
    private let decoder = JSONDecoder()

    init(accessToken: String, body: Data) {
        self.accessToken = accessToken
        self.body = body
    }

    /// Builds the request, "sends" it, checks the status and decodes the body; returns the state.
    func createOperationState(of id: String) throws -> String {
        guard let url = URL(string: "https://api.bentley.com/imodels/\(id)/operations/create") else {
            throw URLError(.badURL)
        }
        var request = URLRequest(url: url)
        request.setValue("application/vnd.bentley.itwin-platform.v2+json", forHTTPHeaderField: "Accept")
        request.setValue("Bearer \(accessToken)", forHTTPHeaderField: "Authorization")
        let (status, data) = send(request)
        guard status == 200 else { throw URLError(.badServerResponse) }
        return try decoder.decode(Answer.self, from: data).createOperation.state
    }

    private func send(_ request: URLRequest) -> (Int, Data) { (200, body) }

    private struct Answer: Decodable {
        struct Operation: Decodable {
            struct Source: Decodable {
                var iModelId: String
                var changesetId: String?
            }
            var state: String
            var clonedFrom: Source?
            var forkedFrom: Source?
        }
        var createOperation: Operation
    }
}
