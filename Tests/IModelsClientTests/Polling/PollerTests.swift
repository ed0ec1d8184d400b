import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

/// The polling loop behind every wait (`Poller`), through the simplest wait (`waitUntilCreated`) on a `StubTransport`
/// and a virtual clock: delays, `Retry-After`, failures it absorbs, the deadline and its last poll, cancellation, and the
/// grace for a resource not visible yet.
@Suite(.verifiesStubTransports) struct PollerTests: NewIModelWait {
    @Test func aCooldownOutlastingTheDeadlineEndsTheWaitAtTheDeadlineWithoutPolling() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        let rateLimited = #"{"error":{"code":"RateLimitExceeded","message":"Too many."}}"#
        stub.enqueue(.get, "/imodels/other", status: 429, headers: ["Retry-After": "60"], json: rateLimited)
        stub.enqueue(.get, "/imodels/other", json: F.iModel("other"))
        let client = makeClient(stub, clock: clock)
        let start = clock.now
        // Another caller's 429 starts a 60 s cooldown of the general class (it is asleep in its retry wait once the
        // clock has a sleeper)...
        let otherCall = Task { try await client.iModels.iModel("other") }
        while clock.sleeperCount == 0 { await Task.yield() }
        // ...which a wait with 10 s left must not queue behind.
        let waitError = try await clock.run {
            await captureError {
                _ = try await client.iModels.waitUntilCreated("new-1", until: .completed, timeout: .seconds(10))
            }
        }
        #expect(clock.now.timeIntervalSince(start) <= 10, "the wait ended at its deadline")
        let other = try await clock.run { try await otherCall.value }
        guard case .timedOut(_, let resourceId, _)? = waitError else {
            Issue.record("expected timedOut, got \(String(describing: waitError))")
            return
        }
        #expect(resourceId == "new-1")
        #expect(other.id == "other")
        #expect(!stub.requests.contains { $0.url.path.hasSuffix("/operations/create") }, "no poll was sent")
        #expect(clock.now.timeIntervalSince(start) >= 60, "the other call waited out its cooldown")
        try stub.verify()
    }

    @Test func aRateLimitedPollIsRetriedAfterRetryAfter() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, operationPath, json: F.createOperation("scheduled", clonedFrom: "src"))
        stub.enqueue(
            .get, operationPath, status: 429, headers: ["Retry-After": "7"],
            body: try fixture("create-operation-429.json"))
        stub.enqueue(.get, operationPath, json: F.createOperation("successful", clonedFrom: "src"))
        stub.enqueue(.get, iModelPath, json: F.iModel(id))
        let client = makeClient(stub, clock: clock)
        _ = try await clock.run { try await client.iModels.waitUntilCreated("new-1") }
        let sleeps = clock.recordedSleeps
        #expect(sleeps.count == 3)
        expectDefaultPolicyDelays(Array(sleeps.prefix(2)))
        #expect(sleeps.last == .seconds(7), "the pipeline waits out exactly the Retry-After")
        try stub.verify()
    }

    @Test func aRateLimitedPollThatIsNotRetriedDelaysTheNextPoll() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(
            .get, operationPath, status: 429, headers: ["Retry-After": "20"],
            body: try fixture("create-operation-429.json"))
        stub.enqueue(.get, operationPath, json: F.createOperation("successful", clonedFrom: "src"))
        stub.enqueue(.get, iModelPath, json: F.iModel(id))
        let client = makeClient(stub, clock: clock, retryPolicy: .none)
        let start = clock.now
        _ = try await clock.run { try await client.iModels.waitUntilCreated("new-1") }
        let sleeps = clock.recordedSleeps
        expectDefaultPolicyDelays(Array(sleeps.prefix(1)))
        // The 429 is absorbed by the wait: the next poll comes no sooner than the server asked.
        #expect(sleeps.count >= 2)
        #expect(sleeps[1] >= .seconds(20))
        #expect(clock.now.timeIntervalSince(start) >= 20 + sleeps[0].seconds - 1e-6)
        try stub.verify()
    }

    @Test(arguments: [RetryPolicy.default, .none])
    func aRetryAfterBeyondTheDeadlineEndsTheWaitAtTheDeadlineWithoutAnotherPoll(_ policy: RetryPolicy) async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, operationPath, json: F.createOperation("scheduled"))
        stub.enqueue(
            .get, operationPath, status: 429, headers: ["Retry-After": "30"],
            body: try fixture("create-operation-429.json"))
        stub.enqueue(.get, operationPath, json: F.createOperation("successful"))  // after the deadline: never asked
        let client = makeClient(stub, clock: clock, pollingPolicy: .fixed(.seconds(2)), retryPolicy: policy)
        let start = clock.now
        let error = await captureError {
            _ = try await clock.run { try await client.iModels.waitUntilCreated("new-1", timeout: .seconds(10)) }
        }
        guard case .timedOut(_, let resourceId, let lastState)? = error else {
            Issue.record("expected timedOut, got \(String(describing: error))")
            return
        }
        #expect(resourceId == id && lastState == "scheduled")
        #expect(clock.recordedSleeps == [.seconds(2), .seconds(2), .seconds(6)], "the last wait ends at the deadline")
        #expect(clock.now.timeIntervalSince(start) == 10, "the wait stops at its deadline, not 30 s later")
        #expect(stub.requests.count == 2, "no poll sooner than the Retry-After, none after the deadline")
        #expect(stub.removeUnusedStubs().count == 1)
    }

    @Test func aServerErrorWhilePollingIsAbsorbed() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, operationPath, status: 503, json: "{}")
        stub.enqueue(.get, operationPath, failure: connectionLost)
        stub.enqueue(.get, operationPath, json: F.createOperation("successful", clonedFrom: "src"))
        stub.enqueue(.get, iModelPath, json: F.iModel(id))
        let client = makeClient(stub, clock: clock)
        let model = try await clock.run { try await client.iModels.waitUntilCreated("new-1") }
        #expect(model.id == id)
        try stub.verify()
    }

    @Test func aWaitThatNeverReachedTheServerEndsWithTheTransportFailureNotATimeout() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        let unreachable = TransportFailure(
            kind: .cannotConnect, underlyingDescription: "Could not resolve host.", requestMayHaveReachedServer: false)
        for _ in 0..<40 { stub.enqueue(.get, operationPath, failure: unreachable) }
        let client = makeClient(stub, clock: clock, pollingPolicy: .fixed(.seconds(2)), retryPolicy: .none)
        let error = await captureError {
            _ = try await clock.run { try await client.iModels.waitUntilCreated("new-1", timeout: .seconds(10)) }
        }
        guard case .transport(let failure)? = error else {
            Issue.record("expected the transport failure, got \(String(describing: error))")
            return
        }
        #expect(failure.kind == .cannotConnect)
        #expect(failure.requestMayHaveReachedServer == false)
        #expect(stub.removeUnusedStubs().count == 40 - stub.requests.count, "spare failures; nothing unexpected")
    }

    @Test func aWaitThatOnceGotAnAnswerStillTimesOutWithItsLastState() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, operationPath, json: F.createOperation("scheduled", clonedFrom: "src"))
        for _ in 0..<40 { stub.enqueue(.get, operationPath, failure: connectionLost) }
        let client = makeClient(stub, clock: clock, pollingPolicy: .fixed(.seconds(2)), retryPolicy: .none)
        let error = await captureError {
            _ = try await clock.run { try await client.iModels.waitUntilCreated("new-1", timeout: .seconds(10)) }
        }
        guard case .timedOut(_, _, let lastState)? = error else {
            Issue.record("expected timedOut, got \(String(describing: error))")
            return
        }
        #expect(lastState == "scheduled")
        #expect(stub.removeUnusedStubs().count == 41 - stub.requests.count, "spare failures; nothing unexpected")
    }

    @Test func theDeadlineEndsTheWaitWithTheLastState() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        for _ in 0..<5 { stub.enqueue(.get, operationPath, json: F.createOperation("scheduled", clonedFrom: "src")) }
        let client = makeClient(stub, clock: clock, pollingPolicy: .fixed(.seconds(2)))
        let start = clock.now
        let error = await captureError {
            _ = try await clock.run { try await client.iModels.waitUntilCreated("new-1", timeout: .seconds(10)) }
        }
        guard case .timedOut(let operation, let resourceId, let lastState)? = error else {
            Issue.record("expected timedOut, got \(String(describing: error))")
            return
        }
        #expect(operation == "waitUntilCreated")
        #expect(resourceId == id)
        #expect(lastState == "scheduled")
        #expect(clock.recordedSleeps == Array(repeating: .seconds(2), count: 5))
        #expect(clock.now.timeIntervalSince(start) == 10, "the last poll happens at the deadline")
        try stub.verify()
    }

    @Test func theDeadlineWithTheDefaultPolicyPollsLastAtTheDeadline() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        for _ in 0..<20 { stub.enqueue(.get, operationPath, json: F.createOperation("waitingForFile")) }
        let client = makeClient(stub, clock: clock)
        let start = clock.now
        let error = await captureError {
            _ = try await clock.run { try await client.iModels.waitUntilCreated("new-1", timeout: .seconds(60)) }
        }
        guard case .timedOut(_, let resourceId, let lastState)? = error else {
            Issue.record("expected timedOut, got \(String(describing: error))")
            return
        }
        #expect(resourceId == id && lastState == "waitingForFile")
        let sleeps = clock.recordedSleeps
        #expect(stub.requests.count == sleeps.count, "one poll after each delay")
        expectDefaultPolicyDelays(Array(sleeps.dropLast()))
        #expect(try #require(sleeps.last) <= .seconds(15))
        #expect(try #require(sleeps.last) > .milliseconds(1), "no extra poll squeezed in just before the deadline")
        #expect(abs(clock.now.timeIntervalSince(start) - 60) < 1e-6)
        #expect(stub.removeUnusedStubs().count == 20 - sleeps.count)
    }

    @Test func cancellingTheWaitStopsPollingAtOnce() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        let waiting = Locked<Task<IModel, any Error>?>(nil)
        let scheduled = HTTPResponse(
            status: 200, headers: ["Content-Type": "application/json"], body: Data(F.createOperation("scheduled").utf8))
        stub.enqueue(.get, operationPath, json: F.createOperation("scheduled"))
        stub.enqueue(.get, operationPath) { _ in
            waiting.withLock { $0?.cancel() }  // the caller gives up while the second poll is in flight
            return scheduled
        }
        stub.enqueue(.get, operationPath, json: F.createOperation("successful"))  // must never be asked
        let client = makeClient(stub, clock: clock)
        let start = clock.now
        let result = try await clock.run {
            let task = Task { try await client.iModels.waitUntilCreated("new-1") }
            waiting.withLock { $0 = task }
            return await task.result
        }
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(stub.requests.count == 2)
        #expect(stub.removeUnusedStubs().count == 1)
        let sleeps = clock.recordedSleeps
        #expect(sleeps.count == 2, "the delay after the cancelled poll is not waited out")
        #expect(abs(clock.now.timeIntervalSince(start) - sleeps[0].seconds - sleeps[1].seconds) < 1e-6)
        #expect(clock.sleeperCount == 0)
    }

    @Test func cancellingDuringADelayEndsTheWaitWithoutAnotherPoll() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, operationPath, json: F.createOperation("scheduled"))
        let client = makeClient(stub, clock: clock)
        let task = Task { try await client.iModels.waitUntilCreated("new-1") }
        await clock.settle()
        #expect(clock.sleeperCount == 1)
        clock.advance(to: try #require(clock.nextDeadline))
        await clock.settle()
        #expect(stub.requests.count == 1)
        #expect(clock.sleeperCount == 1, "waiting for the second poll")
        task.cancel()
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(clock.sleeperCount == 0)
        await clock.run(maxSteps: 10)
        #expect(stub.requests.count == 1)
    }

    // MARK: - Issue 17: the last poll, timeouts of zero or less

    /// A client over the stub on the real clock (defect 4 shows only there: sleeping to the deadline wakes a few µs
    /// past it).
    private func systemClockClient(_ stub: StubTransport, pollingPolicy: PollingPolicy) -> ITwinClient {
        ITwinClient(
            configuration: Configuration(
                environment: .custom(URL(string: F.base)!), pollingPolicy: pollingPolicy, clock: SystemClock(),
                jitterSeed: 42),
            accessToken: { testToken }, transport: stub)
    }

    /// A wait shorter than its first delay polls once, at its deadline, on the real clock too.
    @Test func onTheSystemClockAWaitShorterThanItsFirstDelayStillPolls() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, operationPath, json: F.createOperation("successful", clonedFrom: "src"))
        stub.enqueue(.get, iModelPath, json: F.iModel(id))
        let client = systemClockClient(stub, pollingPolicy: .default)
        let model = try await client.iModels.waitUntilCreated(id, timeout: .milliseconds(500))
        #expect(model.id == id)
        #expect(F.lines(stub) == [operationURL, iModelURL])
        try stub.verify()
    }

    /// Like the real clock, wakes a little after the time asked (5 µs), but without waiting in real time, so the
    /// poll due at the deadline is tested without depending on how loaded the machine is.
    private final class LateWakingClock: ITwinClock {
        private let current = Locked(Date(timeIntervalSince1970: 1_767_225_600))
        var now: Date { current.withLock { $0 } }
        func sleep(for duration: Duration) async throws {
            try Task.checkCancellation()
            current.withLock { $0 = $0.addingTimeInterval(max(0, duration.seconds) + 0.000_005) }
        }
    }

    /// The last poll happens at the deadline on a clock that wakes late, as the real one does: ready at 1.5 s, a 2 s
    /// wait polls at 1 s (scheduled) and at 2 s (successful) and returns the iModel.
    @Test func onAClockThatWakesLateTheLastPollHappensAtTheDeadline() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, operationPath, json: F.createOperation("scheduled", clonedFrom: "src"))
        stub.enqueue(.get, operationPath, json: F.createOperation("successful", clonedFrom: "src"))
        stub.enqueue(.get, iModelPath, json: F.iModel(id))
        let client = ITwinClient(
            configuration: Configuration(
                environment: .custom(URL(string: F.base)!), pollingPolicy: .fixed(.seconds(1)),
                clock: LateWakingClock(), jitterSeed: 42),
            accessToken: { testToken }, transport: stub)
        let model = try await client.iModels.waitUntilCreated(id, timeout: .seconds(2))
        #expect(model.id == id)
        #expect(F.lines(stub) == [operationURL, operationURL, iModelURL])
        try stub.verify()
    }

    /// A timeout of zero or less is a timeout of zero: one poll, at once.
    @Test(arguments: [Duration.zero, .seconds(-5)])
    func aTimeoutOfZeroOrLessPollsOnce(_ timeout: Duration) async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, operationPath, json: F.createOperation("scheduled", clonedFrom: "src"))
        let client = makeClient(stub, clock: clock)
        let start = clock.now
        let error = await captureError {
            _ = try await clock.run { try await client.iModels.waitUntilCreated(id, timeout: timeout) }
        }
        guard case .timedOut(_, _, let lastState)? = error else {
            Issue.record("expected timedOut, got \(String(describing: error))")
            return
        }
        #expect(lastState == "scheduled")
        #expect(F.lines(stub) == [operationURL])
        #expect(clock.now == start)
        try stub.verify()
    }

    // MARK: - Issue 17: a create operation not found yet right after a clone

    private static let notFound = #"{"error":{"code":"iModelNotFound","message":"Requested iModel is not available."}}"#

    /// Right after a clone the create operation may answer `404` for a moment (eventual consistency): the wait keeps
    /// polling instead of failing at once.
    @Test func aCreateOperationNotFoundRightAfterTheCloneIsPolledAgain() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, operationPath, status: 404, json: Self.notFound)
        stub.enqueue(.get, operationPath, json: F.createOperation("successful", clonedFrom: "src"))
        stub.enqueue(.get, iModelPath, json: F.iModel(id))
        let client = makeClient(stub, clock: clock, pollingPolicy: .fixed(.seconds(2)))
        let model = try await clock.run { try await client.iModels.waitUntilCreated(id) }
        #expect(model.id == id)
        #expect(F.lines(stub) == [operationURL, operationURL, iModelURL])
        try stub.verify()
    }

    /// A `404` that lasts past the grace (60 s from the start of the wait) is the answer: a wrong id does not wait for
    /// the whole timeout.
    @Test func aCreateOperationStillNotFoundAfterTheGraceEndsTheWaitWithThe404() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        for _ in 0..<6 { stub.enqueue(.get, operationPath, status: 404, json: Self.notFound) }
        let client = makeClient(stub, clock: clock, pollingPolicy: .fixed(.seconds(10)))
        let start = clock.now
        let error = await captureError { _ = try await clock.run { try await client.iModels.waitUntilCreated(id) } }
        #expect(error?.apiError?.status == 404 && error?.apiError?.code == .iModelNotFound)
        #expect(clock.now.timeIntervalSince(start) == 60)
        #expect(stub.requests.count == 6)
        try stub.verify()
    }

    /// A `404` after the iModel was seen is not a delay in becoming visible: it ends the wait at once.
    @Test func aCreateOperationNotFoundAfterItWasSeenEndsTheWaitAtOnce() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, operationPath, json: F.createOperation("scheduled", clonedFrom: "src"))
        stub.enqueue(.get, operationPath, status: 404, json: Self.notFound)
        let client = makeClient(stub, clock: clock, pollingPolicy: .fixed(.seconds(2)))
        let error = await captureError { _ = try await clock.run { try await client.iModels.waitUntilCreated(id) } }
        #expect(error?.apiError?.status == 404)
        #expect(stub.requests.count == 2)
        try stub.verify()
    }
}
