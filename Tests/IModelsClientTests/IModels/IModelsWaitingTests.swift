import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

/// Waiting for a new iModel (DESIGN.md "Waiting"), driven by a virtual clock: every delay asked is asserted.
@Suite(.verifiesStubTransports) struct IModelsWaitingTests: NewIModelWait {
    @Test func onUpdateReportsEachStateChangeOnceWithoutExtraRequests() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        for _ in 0..<3 { stub.enqueue(.get, operationPath, json: F.createOperation("scheduled", clonedFrom: "src")) }
        stub.enqueue(.get, operationPath, json: F.createOperation("successful", clonedFrom: "src"))
        stub.enqueue(.get, iModelPath, json: F.iModel(id, name: "Copy"))
        let client = makeClient(stub, clock: clock)
        let seen = Locked<[String]>([])
        _ = try await clock.run {
            try await client.iModels.waitUntilCreated(
                "new-1", until: .completed,
                onUpdate: { operation in seen.withLock { $0.append(operation.state.rawValue) } })
        }
        #expect(seen.withLock { $0 } == ["scheduled", "successful"])
        #expect(stub.requests.count == 5, "the callback adds no requests")
        try stub.verify()
    }

    /// "Create an empty iModel" initializes in the background, so its 201 may say `notInitialized`; like Bentley's
    /// TypeScript client's `createEmpty` (iTwin/imodels-clients, clients/imodels-client-management/src/operations/
    /// imodel/IModelOperations.ts), `createIModel` then polls the create operation until `successful` and reads the
    /// iModel again (https://developer.bentley.com/apis/imodels-v2/operations/create-imodel/).
    @Test func createIModelWaitsUntilANotInitializedEmptyIModelIsReady() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.post, "/imodels", status: 201, json: F.iModel(id, name: "Target", state: "notInitialized"))
        stub.enqueue(.get, operationPath, json: F.createOperation("scheduled"))
        stub.enqueue(.get, operationPath, json: F.createOperation("successful"))
        stub.enqueue(.get, iModelPath, json: F.iModel(id, name: "Target"))
        let client = makeClient(stub, clock: clock)
        let model = try await clock.run { try await client.iModels.createIModel(in: "itwin-1", name: "Target") }
        #expect(model.id == id && model.state == .initialized)
        #expect(F.lines(stub) == ["POST \(F.base)/imodels", operationURL, operationURL, iModelURL])
        expectDefaultPolicyDelays(clock.recordedSleeps)
        try stub.verify()
    }

    @Test func createIModelWhoseInitializationFailsThrowsCreationFailed() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.post, "/imodels", status: 201, json: F.iModel(id, name: "Target", state: "notInitialized"))
        stub.enqueue(.get, operationPath, json: F.createOperation("failed"))
        let client = makeClient(stub, clock: clock)
        let error = await captureError {
            _ = try await clock.run { try await client.iModels.createIModel(in: "itwin-1", name: "Target") }
        }
        guard case .creationFailed(let iModelId, let state)? = error else {
            Issue.record("expected creationFailed, got \(String(describing: error))")
            return
        }
        #expect(iModelId == id && state == .failed)
        try stub.verify()
    }

    @Test func scheduledThenSuccessfulCompletesAndReadsTheIModelOnce() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        for _ in 0..<9 { stub.enqueue(.get, operationPath, json: F.createOperation("scheduled", clonedFrom: "src")) }
        stub.enqueue(.get, operationPath, json: F.createOperation("successful", clonedFrom: "src"))
        stub.enqueue(.get, iModelPath, json: F.iModel(id, name: "Copy"))
        let client = makeClient(stub, clock: clock)
        let start = clock.now
        let model = try await clock.run {
            try await client.iModels.waitUntilCreated("new-1", until: .completed)
        }
        #expect(model.id == id && model.name == "Copy")
        #expect(F.lines(stub) == Array(repeating: operationURL, count: 10) + [iModelURL])
        for request in stub.requests { expectIModelsHeaders(request, hasBody: false) }
        let sleeps = clock.recordedSleeps
        #expect(sleeps.count == 10, "one delay before each poll, the first included")
        expectDefaultPolicyDelays(sleeps)
        #expect(Set(sleeps.suffix(3)).count > 1, "the capped delays are jittered")
        let waited = sleeps.reduce(Duration.zero, +).seconds
        #expect(abs(clock.now.timeIntervalSince(start) - waited) < 1e-6)
        try stub.verify()
    }

    @Test func initializedReturnsAsSoonAsTheIModelIsUsable() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, operationPath, json: F.createOperation("scheduled", clonedFrom: "src"))
        stub.enqueue(.get, iModelPath, json: F.iModel(id, state: "notInitialized"))
        stub.enqueue(.get, operationPath, json: F.createOperation("scheduled", clonedFrom: "src"))
        stub.enqueue(.get, iModelPath, json: F.iModel(id, state: "initialized"))
        let client = makeClient(stub, clock: clock)
        let model = try await clock.run { try await client.iModels.waitUntilCreated("new-1", until: .initialized) }
        #expect(model.state == .initialized)
        #expect(F.lines(stub) == [operationURL, iModelURL, operationURL, iModelURL])
        #expect(clock.recordedSleeps.count == 2)
        expectDefaultPolicyDelays(clock.recordedSleeps)
        try stub.verify()
    }

    @Test func initializedAlsoEndsOnASuccessfulOperation() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, operationPath, json: F.createOperation("successful", clonedFrom: "src"))
        stub.enqueue(.get, iModelPath, json: F.iModel(id))
        let client = makeClient(stub, clock: clock)
        let model = try await clock.run { try await client.iModels.waitUntilCreated("new-1", until: .initialized) }
        #expect(model.id == id)
        #expect(F.lines(stub) == [operationURL, iModelURL])
        try stub.verify()
    }

    @Test func completedKeepsWaitingWhileTheIModelIsAlreadyInitialized() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, operationPath, json: F.createOperation("scheduled", clonedFrom: "src"))
        stub.enqueue(.get, operationPath, json: F.createOperation("successful", clonedFrom: "src"))
        stub.enqueue(.get, iModelPath, json: F.iModel(id))
        let client = makeClient(stub, clock: clock)
        _ = try await clock.run { try await client.iModels.waitUntilCreated("new-1", until: .completed) }
        #expect(F.lines(stub) == [operationURL, operationURL, iModelURL], "the iModel is not polled for .completed")
        try stub.verify()
    }

    @Test(arguments: [
        ("failed", CreateOperationState.failed),
        ("mainIModelIsMissingFederationGuids", .mainIModelIsMissingFederationGuids),
        ("sourceIsMissingFederationGuids", .mainIModelIsMissingFederationGuids),
    ])
    func aFailedCreationEndsTheWait(_ wire: String, _ expected: CreateOperationState) async throws {
        for milestone in [CreationMilestone.completed, .initialized] {
            let stub = StubTransport()
            let clock = VirtualClock()
            stub.enqueue(.get, operationPath, json: F.createOperation("scheduled", forkedFrom: "main"))
            if milestone == .initialized { stub.enqueue(.get, iModelPath, json: F.iModel(id, state: "notInitialized")) }
            stub.enqueue(.get, operationPath, json: F.createOperation(wire, forkedFrom: "main"))
            let client = makeClient(stub, clock: clock)
            let error = await captureError {
                _ = try await clock.run { try await client.iModels.waitUntilCreated("new-1", until: milestone) }
            }
            guard case .creationFailed(let iModelId, let state)? = error else {
                Issue.record("\(milestone): expected creationFailed, got \(String(describing: error))")
                continue
            }
            #expect(iModelId == id)
            #expect(state == expected)
            #expect(state.rawValue == wire)
            #expect(clock.recordedSleeps.count == 2, "no poll after the failure")
            try stub.verify()
        }
    }

    @Test func anUnknownStateIsNotFinished() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, operationPath, json: F.createOperation("copyingData", clonedFrom: "src"))
        stub.enqueue(.get, operationPath, json: F.createOperation("waitingForFile", clonedFrom: "src"))
        stub.enqueue(.get, operationPath, json: F.createOperation("successful", clonedFrom: "src"))
        stub.enqueue(.get, iModelPath, json: F.iModel(id))
        let client = makeClient(stub, clock: clock)
        let model = try await clock.run { try await client.iModels.waitUntilCreated("new-1") }
        #expect(model.id == id)
        #expect(F.lines(stub) == [operationURL, operationURL, operationURL, iModelURL])
        try stub.verify()
    }

    @Test func theLastStateOfAnInitializedWaitSaysWhatThePollSaw() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, operationPath, json: F.createOperation("scheduled"))
        stub.enqueue(.get, iModelPath, json: F.iModel(id, state: "notInitialized"))
        let client = makeClient(stub, clock: clock, pollingPolicy: .fixed(.seconds(5)))
        let error = await captureError {
            _ = try await clock.run {
                try await client.iModels.waitUntilCreated("new-1", until: .initialized, timeout: .seconds(5))
            }
        }
        guard case .timedOut(_, _, let lastState)? = error else {
            Issue.record("expected timedOut, got \(String(describing: error))")
            return
        }
        #expect(lastState == "scheduled")
        try stub.verify()
    }

    @Test func aBlankIdIsRefusedBeforeWaiting() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        let error = await captureError { _ = try await makeClient(stub, clock: clock).iModels.waitUntilCreated(" ") }
        guard case .invalidRequest? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(stub.requests.isEmpty && clock.recordedSleeps.isEmpty)
    }

    // MARK: cloneAndWait, forkAndWait

    @Test func cloneAndWaitClonesThenWaitsForTheNewIModel() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.post, "/imodels/src/clone", status: 202, headers: F.accepted(id))
        stub.enqueue(.get, operationPath, json: F.createOperation("scheduled", clonedFrom: "src"))
        stub.enqueue(.get, operationPath, json: F.createOperation("successful", clonedFrom: "src"))
        stub.enqueue(.get, iModelPath, json: F.iModel(id, name: "Copy"))
        let client = makeClient(stub, clock: clock)
        let model = try await clock.run {
            try await client.cloneAndWait("src", into: "itwin-1", name: "Copy", upTo: .baselineOnly)
        }
        #expect(model.id == id && model.name == "Copy")
        #expect(
            F.lines(stub) == ["POST \(F.base)/imodels/src/clone", operationURL, operationURL, iModelURL])
        #expect(
            try F.body(stub.requests[0]) == (try F.json(#"{"iTwinId":"itwin-1","name":"Copy","changesetIndex":0}"#)))
        #expect(clock.recordedSleeps.count == 2)
        expectDefaultPolicyDelays(clock.recordedSleeps)
        try stub.verify()
    }

    @Test func forkAndWaitForksThenWaitsUntilInitialized() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.post, "/imodels/main/fork", status: 202, headers: F.accepted(id))
        stub.enqueue(.get, operationPath, json: F.createOperation("scheduled", forkedFrom: "main"))
        stub.enqueue(.get, iModelPath, json: F.iModel(id, name: "Fork", state: "initialized"))
        let client = makeClient(stub, clock: clock)
        let model = try await clock.run {
            try await client.forkAndWait(
                "main", into: "itwin-1", name: "Fork", preserveHistory: true, until: .initialized)
        }
        #expect(model.name == "Fork")
        #expect(F.lines(stub) == ["POST \(F.base)/imodels/main/fork", operationURL, iModelURL])
        #expect(
            try F.body(stub.requests[0]) == (try F.json(#"{"iTwinId":"itwin-1","name":"Fork","preserveHistory":true}"#))
        )
        try stub.verify()
    }

    @Test func forkAndWaitEndsWithCreationFailedWhenFederationGuidsAreMissing() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.post, "/imodels/main/fork", status: 202, headers: F.accepted(id))
        stub.enqueue(
            .get, operationPath, json: F.createOperation("mainIModelIsMissingFederationGuids", forkedFrom: "main"))
        let client = makeClient(stub, clock: clock)
        let error = await captureError {
            _ = try await clock.run { try await client.forkAndWait("main", into: "itwin-1") }
        }
        guard case .creationFailed(let iModelId, let state)? = error else {
            Issue.record("expected creationFailed, got \(String(describing: error))")
            return
        }
        #expect(iModelId == id && state == .mainIModelIsMissingFederationGuids)
        #expect(error?.description.contains("PopulateFederationGuids") == true)
        try stub.verify()
    }

    /// The final read of a `.completed` wait carries the wait's deadline: a `Retry-After` past it is not waited out.
    @Test func theFinalReadOfACompletedWaitKeepsTheDeadline() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, operationPath, json: F.createOperation("successful", clonedFrom: "src"))
        stub.enqueue(
            .get, iModelPath, status: 429, headers: ["Retry-After": "100"],
            json: #"{"error":{"code":"RateLimitExceeded","message":"Too many."}}"#)
        let client = makeClient(stub, clock: clock)
        let start = clock.now
        let error = await captureError {
            _ = try await clock.run { try await client.iModels.waitUntilCreated(id, timeout: .seconds(30)) }
        }
        #expect(clock.now.timeIntervalSince(start) <= 30, "ended at the deadline, not after the Retry-After")
        guard case .timedOut(_, let resourceId, _)? = error else {
            Issue.record("expected timedOut, got \(String(describing: error))")
            return
        }
        #expect(resourceId == id)
        #expect(F.lines(stub) == [operationURL, iModelURL])
        try stub.verify()
    }

    /// `.initialized` returns only an iModel whose `state` is `initialized`, even once the operation is `successful`.
    @Test func initializedNeverReturnsAnIModelThatIsNotInitialized() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, operationPath, json: F.createOperation("successful", clonedFrom: "src"))
        stub.enqueue(.get, iModelPath, json: F.iModel(id, state: "notInitialized"))
        stub.enqueue(.get, operationPath, json: F.createOperation("successful", clonedFrom: "src"))
        stub.enqueue(.get, iModelPath, json: F.iModel(id, state: "initialized"))
        let client = makeClient(stub, clock: clock)
        let model = try await clock.run { try await client.iModels.waitUntilCreated(id, until: .initialized) }
        #expect(model.state == .initialized)
        #expect(F.lines(stub) == [operationURL, iModelURL, operationURL, iModelURL])
        try stub.verify()
    }
}
