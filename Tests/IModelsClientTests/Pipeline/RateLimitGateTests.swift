import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

/// The rate-limit gate as users meet it: clones and reads through ``ITwinClient``, answered by a transport that
/// records when each request arrived in virtual time.
@Suite(.verifiesStubTransports) struct RateLimitGateTests {
    /// Answers clones with `202` and a `Location`, reads with `200`; `answer429` decides which clones get a `429`.
    private final class RecordingTransport: HTTPTransport {
        struct Arrival {
            let at: TimeInterval
            let method: HTTPMethod
            let path: String
        }

        private let clock: VirtualClock
        private let origin: Date
        private let answer429: @Sendable (_ cloneNumber: Int) -> Bool
        private let state = Locked<(arrivals: [Arrival], clones: Int)>(([], 0))

        init(clock: VirtualClock, answer429: @escaping @Sendable (Int) -> Bool = { _ in false }) {
            self.clock = clock
            self.origin = clock.now
            self.answer429 = answer429
        }

        var arrivals: [Arrival] { state.withLock { $0.arrivals } }

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            let path = request.url.path
            let cloneNumber = state.withLock { state -> Int in
                state.arrivals.append(
                    Arrival(at: clock.now.timeIntervalSince(origin), method: request.method, path: path))
                guard request.method == .post else { return 0 }
                state.clones += 1
                return state.clones
            }
            guard request.method == .post else {
                return HTTPResponse(status: 200, body: try fixture("create-operation-200.json"))
            }
            if answer429(cloneNumber) {
                return HTTPResponse(
                    status: 429, headers: ["Retry-After": "10"],
                    body: Data(#"{"error":{"code":"RateLimitExceeded","message":"Slow down."}}"#.utf8))
            }
            return HTTPResponse(
                status: 202,
                headers: [
                    "Location": "https://api.example.test/imodels/copy-\(cloneNumber)",
                    "Create-iModel-Operation": "https://api.example.test/imodels/copy-\(cloneNumber)/operations/create",
                ])
        }
    }

    private func client(_ transport: RecordingTransport, clock: VirtualClock, limits: RateLimits) -> ITwinClient {
        let configuration = Configuration(
            environment: .custom(URL(string: "https://api.example.test")!), rateLimits: limits, clock: clock,
            jitterSeed: 7)
        return ITwinClient(
            configuration: configuration, accessToken: { testToken }, transport: transport)
    }

    /// The largest number of arrivals inside any half-open window `[s, s + window)`.
    private func mostArrivals(in window: TimeInterval, of times: [TimeInterval]) -> Int {
        times.map { first in times.filter { $0 >= first && $0 < first + window }.count }.max() ?? 0
    }

    @Test func aRateLimitedCloneHoldsEveryCloneForTheCooldownButNotTheReads() async throws {
        let clock = VirtualClock()
        let transport = RecordingTransport(clock: clock) { $0 == 1 }
        let client = client(transport, clock: clock, limits: .none)

        // The first clone reaches the server, and its 429, before the others start.
        let first = Task { try await client.iModels.clone("source-0", into: "itwin").iModelId }
        for _ in 0..<5_000 where client.pipeline.rateLimiter.cooldownEnd(of: .cloneAndFork) == nil {
            try await Task.sleep(for: .milliseconds(1))
        }
        #expect(client.pipeline.rateLimiter.cooldownEnd(of: .cloneAndFork) == clock.now.addingTimeInterval(10))

        let created = try await clock.run {
            try await withThrowingTaskGroup(of: String.self) { group in
                group.addTask { try await first.value }
                for index in 1..<20 {
                    group.addTask { try await client.iModels.clone("source-\(index)", into: "itwin").iModelId }
                }
                for index in 0..<5 {
                    group.addTask { try await client.iModels.createOperation(of: "read-\(index)").state.rawValue }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
        }

        let clones = transport.arrivals.filter { $0.method == .post }
        let reads = transport.arrivals.filter { $0.method == .get }
        #expect(created.filter { $0.hasPrefix("copy-") }.count == 20)
        #expect(clones.count == 21)
        #expect(clones.first?.at == 0)
        // After the 429 at t = 0, no clone reaches the server before the 10 s cooldown is over.
        #expect(clones.dropFirst().allSatisfy { $0.at >= 10 }, "\(clones.map(\.at))")
        // Reads are another class: not held by the cooldown.
        #expect(reads.count == 5)
        #expect(reads.allSatisfy { $0.at == 0 })
    }

    @Test func paidLimitsSpreadThirtyClonesSoNoMinuteHoldsMoreThanTwenty() async throws {
        let clock = VirtualClock()
        let transport = RecordingTransport(clock: clock)
        let client = client(transport, clock: clock, limits: .paid)

        try await clock.run {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<30 {
                    group.addTask { _ = try await client.iModels.clone("source-\(index)", into: "itwin") }
                }
                try await group.waitForAll()
            }
        }

        let times = transport.arrivals.filter { $0.method == .post }.map(\.at).sorted()
        #expect(times.count == 30)
        #expect(times.prefix(20).allSatisfy { $0 == 0 })
        #expect(times.dropFirst(20).allSatisfy { $0 >= 60 })
        #expect(mostArrivals(in: 60, of: times) <= 20)
    }

    @Test func withoutLimitsThirtyClonesGoAtOnce() async throws {
        let clock = VirtualClock()
        let transport = RecordingTransport(clock: clock)
        let client = client(transport, clock: clock, limits: .none)

        try await clock.run {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<30 {
                    group.addTask { _ = try await client.iModels.clone("source-\(index)", into: "itwin") }
                }
                try await group.waitForAll()
            }
        }

        let times = transport.arrivals.filter { $0.method == .post }.map(\.at)
        #expect(times.count == 30)
        #expect(times.allSatisfy { $0 == 0 })
    }

    // MARK: - Issue 17, defect 6: a cooldown longer than a caller may wait fails it at once

    private static let rateLimitedBody = #"{"error":{"code":"RateLimitExceeded","message":"Slow down."}}"#

    /// A's `429` asks for an hour, past the 120 s cap: A fails at once, and so does B a second later, with the same
    /// answer and the time still to wait, instead of waiting out the cap and then failing anyway. Nothing more is sent.
    @Test func aCallerArrivingDuringACooldownPastTheCapFailsAtOnceWithTheSameAnswer() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, "/imodels/a", status: 429, headers: ["Retry-After": "3600"], json: Self.rateLimitedBody)
        let client = makeClient(stub, clock: clock)
        let first = await captureError { _ = try await clock.run { try await client.iModels.iModel("a") } }
        #expect(first?.apiError?.retryAfter == .seconds(3600))
        clock.advance(by: .seconds(1))
        let arrived = clock.now
        let second = await captureError { _ = try await clock.run { try await client.iModels.iModel("b") } }
        #expect(clock.now == arrived, "B failed at once")
        let api = try #require(second?.apiError, "expected an api error, got \(String(describing: second))")
        #expect(api.status == 429 && api.code == "RateLimitExceeded" && api.message == "Slow down.")
        #expect(api.operation == "getIModel")
        #expect(api.retryAfter == .seconds(3599))
        #expect(api.correlationId == first?.apiError?.correlationId, "the answer that started the cooldown")
        #expect(stub.requests.count == 1)
        try stub.verify()
    }

    /// A cooldown within the cap but past a call's deadline fails that call at once too.
    @Test func aCallWhoseDeadlineTheCooldownOutlastsFailsAtOnce() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, "/imodels/a", status: 429, headers: ["Retry-After": "60"], json: Self.rateLimitedBody)
        let client = makeClient(stub, clock: clock, retryPolicy: .none)
        _ = await captureError { _ = try await clock.run { try await client.iModels.iModel("a") } }
        let start = clock.now
        let error = await captureError {
            _ = try await clock.run {
                try await client.pipeline.send(getEndpoint(), deadline: start.addingTimeInterval(10))
            }
        }
        #expect(clock.now == start)
        #expect(error?.apiError?.status == 429 && error?.apiError?.retryAfter == .seconds(60))
        #expect(stub.requests.count == 1)
        try stub.verify()
    }

    /// A cooldown the cap allows is still waited out by a caller arriving during it.
    @Test func aCallerArrivingDuringACooldownWithinTheCapWaitsItOut() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, "/imodels/a", status: 429, headers: ["Retry-After": "60"], json: Self.rateLimitedBody)
        stub.enqueue(.get, "/imodels/b", json: IModelsFixtures.iModel("b"))
        let client = makeClient(stub, clock: clock, retryPolicy: .none)
        _ = await captureError { _ = try await clock.run { try await client.iModels.iModel("a") } }
        let start = clock.now
        let model = try await clock.run { try await client.iModels.iModel("b") }
        #expect(model.id == "b")
        #expect(clock.now.timeIntervalSince(start) == 60)
        try stub.verify()
    }
}
