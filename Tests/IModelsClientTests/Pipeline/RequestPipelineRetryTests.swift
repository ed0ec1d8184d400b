import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

@Suite(.verifiesStubTransports) struct RequestPipelineRetryTests {
    let path: PathPattern = "/imodels/abc/operations/create"
    let ok = #"{"createOperation":{"state":"successful"}}"#

    private func run(
        _ endpoint: Endpoint, _ stub: StubTransport, clock: VirtualClock, policy: RetryPolicy = .default,
        deadline: Date? = nil
    ) async throws -> HTTPResponse {
        let client = makeClient(stub, clock: clock, retryPolicy: policy)
        return try await clock.run { try await client.pipeline.send(endpoint, deadline: deadline) }
    }

    @Test func tooManyRequestsWithDelaySecondsWaitsExactlyThatLong() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, path, status: 429, headers: ["Retry-After": "7"], json: "{}")
        stub.enqueue(.get, path, status: 200, json: ok)
        let start = clock.now
        let response = try await run(getEndpoint(), stub, clock: clock)
        #expect(response.status == 200)
        #expect(clock.recordedSleeps == [.seconds(7)])
        #expect(clock.now.timeIntervalSince(start) == 7)
        try stub.verify()
    }

    @Test(arguments: [
        ("Thu, 01 Jan 2026 00:00:09 GMT", 9), ("Thursday, 01-Jan-26 00:00:09 GMT", 9), ("Thu Jan  1 00:00:09 2026", 9),
        ("Thu, 01 Jan 2025 00:00:09 GMT", 0), ("Wednesday, 31-Dec-25 00:00:00 GMT", 0), ("Wed Dec 31 00:00:00 2025", 0),
    ])
    func tooManyRequestsWithHTTPDateWaitsUntilThatDate(_ date: String, _ seconds: Int) async throws {
        let stub = StubTransport()
        let clock = VirtualClock()  // starts 2026-01-01T00:00:00Z
        stub.enqueue(.get, path, status: 429, headers: ["Retry-After": date], json: "{}")
        stub.enqueue(.get, path, status: 200, json: ok)
        _ = try await run(getEndpoint(), stub, clock: clock)
        #expect(clock.recordedSleeps == [.seconds(seconds)])
        try stub.verify()
    }

    @Test(arguments: [nil, "garbage", "-5", "1.5"])
    func tooManyRequestsWithoutAValidRetryAfterBacksOff(_ value: String?) async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        var headers = HTTPHeaders()
        headers["Retry-After"] = value
        stub.enqueue(.get, path, status: 429, headers: headers, json: "{}")
        stub.enqueue(.get, path, status: 200, json: ok)
        _ = try await run(getEndpoint(), stub, clock: clock)
        let sleeps = clock.recordedSleeps
        #expect(sleeps.count == 1)
        #expect(sleeps[0] >= .milliseconds(250) && sleeps[0] <= .milliseconds(500))
        try stub.verify()
    }

    @Test(arguments: ["121", "99999999999999999999", "Fri, 31 Dec 9999 23:59:59 GMT"])
    func retryAfterAboveTheCapIsNotWaitedOut(_ value: String) async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(
            .post, "/imodels/abc/clone", status: 429, headers: ["Retry-After": value],
            json: #"{"error":{"code":"RateLimitExceeded","message":"Slow down."}}"#)
        let error = await captureError { _ = try await run(postEndpoint(), stub, clock: clock) }
        let api = try #require(error?.apiError)
        #expect(api.status == 429)
        #expect(api.code == .rateLimitExceeded)
        #expect(api.retryAfter != nil && api.retryAfter! > .seconds(120))
        #expect(stub.requests.count == 1)
        #expect(clock.recordedSleeps.isEmpty)
    }

    @Test func retryAfterBeyondTheDeadlineIsNotWaitedOut() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, path, status: 429, headers: ["Retry-After": "30"], json: "{}")
        let error = await captureError {
            _ = try await run(getEndpoint(), stub, clock: clock, deadline: clock.now.addingTimeInterval(10))
        }
        #expect(error?.apiError?.retryAfter == .seconds(30))
        #expect(clock.recordedSleeps.isEmpty)
    }

    @Test func serviceUnavailableWithRetryAfterIsRetriedEvenForPost() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.post, "/imodels/abc/clone", status: 503, headers: ["Retry-After": "3"], json: "{}")
        stub.enqueue(.post, "/imodels/abc/clone", status: 202)
        let response = try await run(postEndpoint(), stub, clock: clock)
        #expect(response.status == 202)
        #expect(clock.recordedSleeps == [.seconds(3)])
        #expect(stub.requests.count == 2)
    }

    @Test(arguments: [500, 502, 504])
    func serverErrorOnPostIsNotResent(_ status: Int) async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels/abc/clone", status: status, json: "{}")
        let error = await captureError { _ = try await run(postEndpoint(), stub, clock: VirtualClock()) }
        #expect(error?.apiError?.status == status)
        #expect(stub.requests.count == 1)
    }

    @Test func serviceUnavailableWithoutRetryAfterOnPostIsNotResent() async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels/abc/clone", status: 503, json: "{}")
        let error = await captureError { _ = try await run(postEndpoint(), stub, clock: VirtualClock()) }
        #expect(error?.apiError?.status == 503)
        #expect(stub.requests.count == 1)
    }

    @Test func lostConnectionOnPostIsNotResent() async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/imodels/abc/clone", failure: connectionLost)
        let error = await captureError { _ = try await run(postEndpoint(), stub, clock: VirtualClock()) }
        guard case .transport(let failure)? = error else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(failure.requestMayHaveReachedServer)
        #expect(failure.operation == "cloneIModel")
        #expect(stub.requests.count == 1)
    }

    @Test func refusedConnectionOnPostIsResent() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.post, "/imodels/abc/clone", failure: connectionRefused)
        stub.enqueue(.post, "/imodels/abc/clone", status: 202)
        let response = try await run(postEndpoint(), stub, clock: clock)
        #expect(response.status == 202)
        #expect(stub.requests.count == 2)
    }

    /// Checks backoff delays against the nominal ones: each within `nominal / 2 ... nominal` (equal jitter), and the
    /// capped ones not all equal.
    private func expectGrowingCappedJitteredDelays(_ recorded: [Duration], nominal: [Double]) {
        let sleeps = recorded.map(\.seconds)
        #expect(sleeps.count == nominal.count)
        for (sleep, bound) in zip(sleeps, nominal) {
            #expect(sleep >= bound / 2 && sleep <= bound, "delay \(sleep) outside \(bound / 2)...\(bound)")
        }
        #expect(Set(sleeps.suffix(3)).count > 1, "the capped delays must be jittered")
    }

    @Test func serverErrorsOnGetAreRetriedWithGrowingCappedJitteredDelays() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        let policy = RetryPolicy(maxAttempts: 7, initialBackoff: .milliseconds(500), maxBackoff: .seconds(4))
        for _ in 0..<6 { stub.enqueue(.get, path, status: 500, json: "{}") }
        stub.enqueue(.get, path, status: 200, json: ok)
        _ = try await run(getEndpoint(), stub, clock: clock, policy: policy)
        expectGrowingCappedJitteredDelays(clock.recordedSleeps, nominal: [0.5, 1, 2, 4, 4, 4])
        try stub.verify()
    }

    @Test func lostConnectionsOnGetAreRetriedWithGrowingCappedJitteredDelays() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        let policy = RetryPolicy(maxAttempts: 7, initialBackoff: .milliseconds(500), maxBackoff: .seconds(4))
        for _ in 0..<6 { stub.enqueue(.get, path, failure: connectionLost) }
        stub.enqueue(.get, path, status: 200, json: ok)
        let response = try await run(getEndpoint(), stub, clock: clock, policy: policy)
        #expect(response.status == 200)
        expectGrowingCappedJitteredDelays(clock.recordedSleeps, nominal: [0.5, 1, 2, 4, 4, 4])
        try stub.verify()
    }

    @Test func whenAttemptsRunOutTheLastErrorIsThrown() async throws {
        let stub = StubTransport()
        for status in [500, 502, 503] { stub.enqueue(.get, path, status: status, json: "{}") }
        let error = await captureError {
            _ = try await run(getEndpoint(), stub, clock: VirtualClock(), policy: RetryPolicy(maxAttempts: 3))
        }
        #expect(error?.apiError?.status == 503)
        try stub.verify()
    }

    @Test func aRetriedDeleteAnsweredNotFoundIsSuccess() async throws {
        let stub = StubTransport()
        stub.enqueue(.delete, "/imodels/abc", failure: connectionLost)
        stub.enqueue(.delete, "/imodels/abc", status: 404, json: #"{"error":{"code":"iModelNotFound"}}"#)
        let response = try await run(deleteEndpoint(), stub, clock: VirtualClock())
        #expect(response.status == 404)
        try stub.verify()
    }

    @Test func aDeleteRetriedAfterAServerErrorAndAnsweredNotFoundIsSuccess() async throws {
        let stub = StubTransport()
        stub.enqueue(.delete, "/imodels/abc", status: 500, json: "{}")
        stub.enqueue(.delete, "/imodels/abc", status: 404, json: #"{"error":{"code":"iModelNotFound"}}"#)
        let response = try await run(deleteEndpoint(), stub, clock: VirtualClock())
        #expect(response.status == 404)
        try stub.verify()
    }

    /// A `429`, or a `503` with `Retry-After`, says the server did not act: a `404` after it is a real `404`.
    @Test(arguments: [429, 503])
    func aDeleteAnsweredNotFoundAfterTheServerSaidItDidNotActIsAnError(_ status: Int) async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.delete, "/imodels/abc", status: status, headers: ["Retry-After": "1"], json: "{}")
        stub.enqueue(.delete, "/imodels/abc", status: 404, json: #"{"error":{"code":"iModelNotFound"}}"#)
        let error = await captureError { _ = try await run(deleteEndpoint(), stub, clock: clock) }
        #expect(error?.apiError?.status == 404)
        #expect(error?.apiError?.code == .iModelNotFound)
        #expect(clock.recordedSleeps == [.seconds(1)])
        try stub.verify()
    }

    @Test func aFirstDeleteAnsweredNotFoundIsAnError() async throws {
        let stub = StubTransport()
        stub.enqueue(.delete, "/imodels/abc", status: 404, json: #"{"error":{"code":"iModelNotFound"}}"#)
        let error = await captureError { _ = try await run(deleteEndpoint(), stub, clock: VirtualClock()) }
        #expect(error?.apiError?.code == .iModelNotFound)
    }

    @Test func noRetryPolicyNeverRetries() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, path, status: 500, json: "{}")
        let error = await captureError { _ = try await run(getEndpoint(), stub, clock: VirtualClock(), policy: .none) }
        #expect(error?.apiError?.status == 500)
        #expect(stub.requests.count == 1)
    }

    @Test func cancellingDuringARetryWaitEndsTheCallAtOnce() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, path, status: 429, headers: ["Retry-After": "60"], json: "{}")
        let client = makeClient(stub, clock: clock)
        let start = clock.now
        let task = Task { try await client.pipeline.send(getEndpoint()) }
        await clock.settle()
        #expect(clock.sleeperCount == 1)
        #expect(clock.recordedSleeps == [.seconds(60)])
        task.cancel()
        // No time is advanced: the call must end on the cancellation alone, without a second request.
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(stub.requests.count == 1)
        #expect(clock.sleeperCount == 0)
        #expect(clock.now == start)
    }
}
