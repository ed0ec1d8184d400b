import Foundation
import Testing

@testable import IModelsClient

/// The pipeline's deadline holds even when the transport never answers and ignores cancellation.
@Suite struct TransportDeadlineTests {
    /// A transport whose requests never return until ``release()``, whatever happens to their task; it counts
    /// the cancellations it was sent (and ignored).
    final class DeafTransport: HTTPTransport {
        private let waiting = Locked<[CheckedContinuation<Void, Never>]>([])
        let cancellations = Locked(0)
        let requests = Locked(0)

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            requests.withLock { $0 += 1 }
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in waiting.withLock { $0.append(continuation) } }
            } onCancel: {
                cancellations.withLock { $0 += 1 }
            }
            return HTTPResponse(status: 200)
        }

        /// Lets every waiting request return (so the test leaves no task behind).
        func release() {
            for continuation in waiting.withLock({ list in
                defer { list = [] }
                return list
            }) { continuation.resume() }
        }
    }

    private func client(_ transport: DeafTransport, timeout: Duration) -> ITwinClient {
        let configuration = Configuration(
            environment: .custom(URL(string: "https://api.example.test")!), retryPolicy: .none,
            requestTimeout: timeout)
        return ITwinClient(configuration: configuration, accessToken: { "token" }, transport: transport)
    }

    @Test func aTransportThatNeverAnswersEndsTheCallAtTheRequestTimeout() async throws {
        let transport = DeafTransport()
        defer { transport.release() }
        let client = client(transport, timeout: .milliseconds(300))
        let started = ContinuousClock.now
        let error = await captureError { _ = try await client.pipeline.send(getEndpoint()) }
        let elapsed = ContinuousClock.now - started
        guard case .transport(let failure)? = error else {
            Issue.record("expected a transport failure, got \(String(describing: error))")
            return
        }
        #expect(failure.kind == .timedOut)
        #expect(failure.requestMayHaveReachedServer)
        #expect(failure.operation == "getCreateOperation")
        // Never before the timeout; the ceiling is only there so a hang fails the test instead of stalling it.
        #expect(elapsed >= .milliseconds(290) && elapsed < .seconds(10), "took \(elapsed)")
        #expect(transport.cancellations.withLock { $0 } == 1)
        #expect(transport.requests.withLock { $0 } == 1)
    }

    /// A wait's deadline shortens its requests' timeout: a deaf transport keeps a wait with 0.2 s left for the
    /// one-second floor, not for the hour of the request timeout.
    @Test func aCallersDeadlineEndsTheCallBeforeTheRequestTimeout() async throws {
        let transport = DeafTransport()
        defer { transport.release() }
        let client = client(transport, timeout: .seconds(3600))
        let started = ContinuousClock.now
        let error = await captureError {
            _ = try await client.pipeline.send(getEndpoint(), deadline: Date().addingTimeInterval(0.2))
        }
        let elapsed = ContinuousClock.now - started
        guard case .transport(let failure)? = error else {
            Issue.record("expected a transport failure, got \(String(describing: error))")
            return
        }
        #expect(failure.kind == .timedOut)
        #expect(elapsed >= .milliseconds(950) && elapsed < .seconds(10), "took \(elapsed)")
    }

    @Test func anAttemptsTimeoutIsTheTimeLeftBeforeTheDeadlineButAtLeastOneSecond() {
        let now = Date(timeIntervalSince1970: 1_000)
        let timeout = RequestPipeline.attemptTimeout
        #expect(timeout(.seconds(60), nil, now) == .seconds(60))
        #expect(timeout(nil, nil, now) == nil)
        #expect(timeout(.seconds(60), now.addingTimeInterval(5), now) == .seconds(5))
        #expect(timeout(.seconds(60), now.addingTimeInterval(600), now) == .seconds(60))
        #expect(timeout(.seconds(60), now.addingTimeInterval(0.2), now) == .seconds(1))
        #expect(timeout(.seconds(60), now.addingTimeInterval(-30), now) == .seconds(1))
        #expect(timeout(nil, now.addingTimeInterval(5), now) == .seconds(5))
    }

    @Test func cancellingTheCallerEndsItsWaitWhenTheTransportIgnoresIt() async throws {
        let transport = DeafTransport()
        defer { transport.release() }
        let client = client(transport, timeout: .seconds(3600))
        let call = Task { try await client.pipeline.send(getEndpoint()) }
        while transport.requests.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(5)) }
        call.cancel()
        await #expect(throws: CancellationError.self) { try await call.value }
        #expect(transport.cancellations.withLock { $0 } == 1)
    }

    /// Records the task each request was sent from.
    struct TaskRecordingTransport: HTTPTransport {
        let guaranteesDeadlines: Bool
        let tasks = Locked<[Int]>([])

        func send(_ request: HTTPRequest) async throws -> HTTPResponse {
            tasks.withLock { $0.append(withUnsafeCurrentTask { $0?.hashValue } ?? 0) }
            return HTTPResponse(status: 200, body: Data(#"{"createOperation":{"state":"successful"}}"#.utf8))
        }
    }

    /// A transport that keeps its deadlines itself is called in the caller's task; any other in a task of its own.
    @Test(arguments: [true, false])
    func onlyATransportThatDoesNotPromiseDeadlinesIsGuarded(promises: Bool) async throws {
        let transport = TaskRecordingTransport(guaranteesDeadlines: promises)
        let configuration = Configuration(environment: .custom(URL(string: "https://api.example.test")!))
        let client = ITwinClient(configuration: configuration, accessToken: { "token" }, transport: transport)
        let caller = withUnsafeCurrentTask { $0?.hashValue } ?? -1
        _ = try await client.pipeline.send(getEndpoint())
        #expect((transport.tasks.withLock { $0 } == [caller]) == promises)
        #expect(URLSessionTransport().guaranteesDeadlines)
    }

    @Test func aCancelledCallerSendsNothing() async throws {
        let transport = DeafTransport()
        let client = client(transport, timeout: .seconds(3600))
        let call = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.pipeline.send(getEndpoint())
        }
        await #expect(throws: CancellationError.self) { try await call.value }
        #expect(transport.requests.withLock { $0 } == 0)
    }
}
