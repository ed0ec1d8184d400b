import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

/// `createOperationUpdates(of:timeout:)`: one element per state change of a new iModel's create operation, driven by a
/// virtual clock.
@Suite(.verifiesStubTransports) struct CreateOperationUpdatesTests: NewIModelWait {
    @Test func updatesYieldOneElementPerStateChangeAndFinishAfterTheTerminalOne() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        for state in ["scheduled", "scheduled", "waitingForFile", "waitingForFile", "scheduled", "successful"] {
            stub.enqueue(.get, operationPath, json: F.createOperation(state, clonedFrom: "src"))
        }
        let client = makeClient(stub, clock: clock)
        let seen = try await clock.run {
            var seen: [CreateOperation] = []
            for try await operation in client.iModels.createOperationUpdates(of: "new-1") { seen.append(operation) }
            return seen
        }
        #expect(seen.map(\.state.rawValue) == ["scheduled", "waitingForFile", "scheduled", "successful"])
        #expect(seen.allSatisfy { $0.clonedFrom?.iModelId == "src" })
        #expect(F.lines(stub) == Array(repeating: operationURL, count: 6), "no poll after the terminal state")
        let sleeps = clock.recordedSleeps
        #expect(sleeps.count == 5, "the first poll is immediate")
        expectDefaultPolicyDelays(sleeps)
        try stub.verify()
    }

    @Test(arguments: ["failed", "mainIModelIsMissingFederationGuids", "sourceIsMissingFederationGuids"])
    func updatesYieldAFailedStateAndFinish(_ state: String) async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.get, operationPath, json: F.createOperation("scheduled", forkedFrom: "main"))
        stub.enqueue(.get, operationPath, json: F.createOperation(state, forkedFrom: "main"))
        let client = makeClient(stub, clock: clock)
        let seen = try await clock.run {
            var seen: [String] = []
            for try await operation in client.iModels.createOperationUpdates(of: "new-1") {
                seen.append(operation.state.rawValue)
            }
            return seen
        }
        #expect(seen == ["scheduled", state])
        try stub.verify()
    }

    @Test func updatesEndWithTimedOutAtTheirDeadline() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        for _ in 0..<3 { stub.enqueue(.get, operationPath, json: F.createOperation("scheduled")) }
        let client = makeClient(stub, clock: clock, pollingPolicy: .fixed(.seconds(3)))
        let seen = Locked<[String]>([])
        let error = await captureError {
            try await clock.run {
                for try await operation in client.iModels.createOperationUpdates(of: "new-1", timeout: .seconds(6)) {
                    seen.withLock { $0.append(operation.state.rawValue) }
                }
            }
        }
        guard case .timedOut(let operation, let resourceId, let lastState)? = error else {
            Issue.record("expected timedOut, got \(String(describing: error))")
            return
        }
        #expect(operation == "createOperationUpdates" && resourceId == id && lastState == "scheduled")
        #expect(seen.withLock { $0 } == ["scheduled"])
        #expect(clock.recordedSleeps == [.seconds(3), .seconds(3)])
        try stub.verify()
    }

    @Test func endingTheIterationStopsPolling() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        for _ in 0..<4 { stub.enqueue(.get, operationPath, json: F.createOperation("scheduled")) }
        let client = makeClient(stub, clock: clock)
        var first: CreateOperation?
        for try await operation in client.iModels.createOperationUpdates(of: "new-1") {
            first = operation
            break
        }
        #expect(first?.state == .scheduled)
        await clock.settle()
        await clock.run(maxSteps: 10)  // if polling went on, this would let it poll again
        #expect(stub.requests.count == 1)
        #expect(stub.removeUnusedStubs().count == 3, "no later poll")
        #expect(clock.sleeperCount == 0)
    }

    @Test func cancellingTheConsumerStopsPolling() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        for _ in 0..<4 { stub.enqueue(.get, operationPath, json: F.createOperation("scheduled")) }
        let client = makeClient(stub, clock: clock)
        let received = Locked(0)
        let consumer = Task {
            for try await _ in client.iModels.createOperationUpdates(of: "new-1") {
                received.withLock { $0 += 1 }
            }
        }
        await clock.settle()
        #expect(received.withLock { $0 } == 1)
        #expect(clock.sleeperCount == 1, "the poller waits for its next poll")
        consumer.cancel()
        _ = await consumer.result
        await clock.settle()
        await clock.run(maxSteps: 10)
        #expect(stub.requests.count == 1)
        #expect(stub.removeUnusedStubs().count == 3, "no later poll")
        #expect(clock.sleeperCount == 0)
    }

    @Test func updatesRefuseABlankIdBeforeSending() async throws {
        let stub = StubTransport()
        let error = await captureError {
            for try await _ in makeClient(stub).iModels.createOperationUpdates(of: "") {}
        }
        guard case .invalidRequest? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(stub.requests.isEmpty)
    }
}
