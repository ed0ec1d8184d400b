import Foundation
import IModelsTesting
import Testing

@testable import IModelsClient

/// The fault matrix: every public operation of `client.iModels`, `client.transformations` and the `ITwinClient`
/// workflows, under every fault of ``MatrixFault/all``, injected on the operation's own request once, on its second
/// request (a later page or poll, for operations that repeat it) and "always" (1,000 times, so retries run out), each
/// case on a fresh virtual clock, simulator and client.
///
/// Every case must end in success or an `ITwinClientError` (never another error, a crash or a hang: the virtual
/// clock has a budget and a real-time guard stops a case that hangs outside it), must hit its fault, must leave no
/// duplicate iModel, configuration or run, and must keep the access token out of the error's description and debug
/// description, its raw body and every log event. Where the API contract makes a retry safe (an idempotent request,
/// a duplicate-safe clone, fork or run, or any request after a `429` or a `503` with `Retry-After`) a transient fault
/// injected once must end in success; a transient fault injected always must end in a typed error (but where the
/// server acted and the SDK finds what it did); an answer that is valid but bigger, sparser or richer than documented
/// must be read, and one with values the API does not document yet must be survived.
///
/// The suite prints `fault matrix: N cases (S succeeded, E typed errors)`. `IMODELS_MATRIX_SCALE` runs a share of the
/// cases, for the thread-sanitizer pass of CI: a divisor (`4` runs every fourth case) or a fraction (`0.25`); by
/// default every case runs.
@Suite struct FaultMatrixTests {
    /// One public operation: the request its faults are injected on, what it may create, and how to run it.
    struct Operation: Sendable {
        var name: String
        var method: HTTPMethod
        var path: PathPattern
        /// Whether the API contract makes retrying this operation's request safe: it is idempotent, or the SDK looks
        /// for what an unknown outcome created before sending again.
        var retrySafe: Bool
        /// Whether the faulted request is a create POST (clone, fork, `createIModel`, a configuration, a run), after
        /// whose unknown outcome the SDK looks for what the server did: a fault that lets the server act then ends in
        /// success even when it never stops.
        var looksUp = false
        /// Whether the operation sends its faulted request more than once when nothing fails (pages, polls).
        var repeats = false
        var creates = Creates()
        /// Whether the faulted request carries the access token. The 500 fault's body fakes an echo of it; for a
        /// request sent without the token (a report's storage link, whose operation checks the storage received no
        /// `Authorization`) that echo cannot happen, so it is not a leak.
        var sendsToken = true
        /// What a case must end in where this operation differs from the general rule, with the reason.
        var exception: @Sendable (MatrixFault, Mode) -> Expectation? = { _, _ in nil }
        /// Runs before the fault is injected (with the clock driven), and returns the ids the operation works on.
        var prepare: @Sendable (SimulatorFixture<MatrixSeeds>) async throws -> Prepared = { _ in Prepared() }
        var run: @Sendable (SimulatorFixture<MatrixSeeds>, Prepared) async throws -> Void
    }

    /// Ids an operation's preparation made.
    struct Prepared: Sendable {
        /// A clone into "Copies" whose creation has just started.
        var pendingIModel = ""
        var configuration = ""
        /// A run of ``configuration`` that lasts minutes.
        var run = ""
        var fork = ""
    }

    /// Which of the operation's matching requests get the fault: the first, the second (a later page or poll, for
    /// operations that send the request more than once), or every one.
    enum Mode: String, Sendable, CaseIterable {
        case once
        case second = "on the second request"
        case always
        var times: Int { self == .always ? 1_000 : 1 }
    }

    /// What a case must end in.
    enum Expectation: Sendable {
        case success, typedError, either
    }

    /// How one case ended, and what was wrong with it.
    struct Outcome: Sendable {
        var name: String
        var succeeded: Bool
        var typedError: Bool
        var problems: [String]
    }

    // MARK: - Cases

    /// What the contract says a case must end in.
    static func expectation(_ operation: Operation, _ fault: MatrixFault, _ mode: Mode) -> Expectation {
        if let exception = operation.exception(fault, mode) { return exception }
        switch fault.meaning {
        case .notActedRetryable:
            return mode == .always ? .typedError : .success
        case .transientUnknownOutcome:
            if mode == .always { return operation.looksUp && fault.serverActs ? .success : .typedError }
            return operation.retrySafe ? .success : .either
        case .tolerable:
            return .success
        case .unknownValues:
            return mode == .always ? .either : .success
        case .unreadable:
            return .either
        }
    }

    /// How long one case may take in real time before it counts as hung. A case takes milliseconds; the ceiling is
    /// far above that so that a 2-core machine running other suites (or another `swift test`) beside it never trips it.
    private static let caseRealTimeLimit = Duration.seconds(300)

    /// Runs one case on a fresh world and reports what was wrong with it.
    static func run(_ operation: Operation, _ fault: MatrixFault, _ mode: Mode) async -> Outcome {
        let name = "\(operation.name) × \(fault.name) × \(mode.rawValue)"
        let world = SimulatorFixture.matrix()
        let prepared: Prepared
        do {
            prepared = try await world.clock.run { try await operation.prepare(world) }
        } catch {
            return Outcome(name: name, succeeded: false, typedError: false, problems: ["preparation failed: \(error)"])
        }
        let before = world.census
        let injected = fault.make(world.clock.now)
        if mode == .second {
            // A fault that changes nothing takes the first matching request.
            world.simulator.inject(.latency(.zero), on: operation.method, operation.path)
        }
        world.simulator.inject(injected, on: operation.method, operation.path, times: mode.times)
        let ending = await drive(world.clock, virtualBudget: .seconds(4 * 3600), realTimeLimit: Self.caseRealTimeLimit)
        {
            try await operation.run(world, prepared)
        }

        var problems: [String] = []
        var texts = world.log.all.flatMap { [String(describing: $0), String(reflecting: $0)] }
        var succeeded = false
        var typed = false
        switch ending {
        case .succeeded:
            succeeded = true
        case .typedError(let error):
            typed = true
            texts += [String(describing: error), String(reflecting: error), error.localizedDescription]
            if case .api(let apiError) = error { texts.append(apiError.rawBodyText) }
            if case .decoding(let failure) = error { texts += [failure.rawBodyText, failure.reason] }
        case .untypedError(let description):
            problems.append("threw an error that is not ITwinClientError: \(description)")
        case .virtualTimeExceeded:
            problems.append("still waiting after 4 virtual hours")
        case .realTimeExceeded:
            problems.append("hung: still running after \(Self.caseRealTimeLimit) of real time")
        }
        switch expectation(operation, fault, mode) {
        case .success where !succeeded:
            problems.append("should have succeeded, ended in \(ending)")
        case .typedError where !typed:
            problems.append("should have ended in a typed error, ended in \(ending)")
        default:
            break
        }
        let hit = world.simulator.requestLog.contains {
            $0.fault == injected.description && $0.request.method == operation.method
                && operation.path.matches($0.request.url)
        }
        if !hit {
            problems.append("the fault was never hit")
        }
        if operation.sendsToken, texts.contains(where: { $0.contains(matrixToken) }) {
            problems.append("the access token appears in an error or a log event")
        }
        let after = world.census
        if after.mostIModelsSharingAName > 1 { problems.append("two iModels share a name") }
        if after.iModels - before.iModels > operation.creates.iModels {
            problems.append("duplicate iModel: \(after.iModels - before.iModels) created")
        }
        if after.configurations - before.configurations > operation.creates.configurations {
            problems.append("duplicate configuration: \(after.configurations - before.configurations) created")
        }
        if after.runs - before.runs > operation.creates.runs {
            problems.append("duplicate run: \(after.runs - before.runs) started")
        }
        return Outcome(name: name, succeeded: succeeded, typedError: typed, problems: problems)
    }

    /// The driver tells success, typed errors and other errors apart. The real-time guard is not under test here, so
    /// its limit is far above anything a loaded machine takes.
    @Test func theDriverReportsHowAnOperationEnded() async {
        let clock = VirtualClock()
        let budget = Duration.seconds(60)
        let limit = Self.unreachableRealTimeLimit
        guard
            case .succeeded = await drive(
                clock, virtualBudget: budget, realTimeLimit: limit, { try await clock.sleep(for: .seconds(59)) })
        else {
            Issue.record("a sleep inside the budget is a success")
            return
        }
        let typed = await drive(clock, virtualBudget: budget, realTimeLimit: limit) {
            throw ITwinClientError.invalidRequest("bad")
        }
        guard case .typedError(.invalidRequest("bad")) = typed else {
            Issue.record("expected the typed error, got \(typed)")
            return
        }
        let untyped = await drive(clock, virtualBudget: budget, realTimeLimit: limit) { throw CancellationError() }
        guard case .untypedError(let description) = untyped else {
            Issue.record("expected an untyped error, got \(untyped)")
            return
        }
        #expect(description.contains("CancellationError"))
    }

    /// The driver stops an operation that waits on the virtual clock past its budget, and cancels it.
    @Test func theDriverStopsAnOperationThatOutlivesItsVirtualBudget() async {
        let clock = VirtualClock()
        let start = clock.now
        let cancelled = Locked(false)
        let ending = await drive(clock, virtualBudget: .seconds(3600), realTimeLimit: Self.unreachableRealTimeLimit) {
            do {
                while true { try await clock.sleep(for: .seconds(60)) }
            } catch {
                cancelled.withLock { $0 = true }
                throw error
            }
        }
        guard case .virtualTimeExceeded = ending else {
            Issue.record("expected the virtual budget to run out, got \(ending)")
            return
        }
        #expect(clock.now.timeIntervalSince(start) <= 3600)
        for _ in 0..<1000 where !cancelled.withLock({ $0 }) { await Task.yield() }
        #expect(cancelled.withLock { $0 })
    }

    /// The driver stops an operation that hangs outside the virtual clock once the real-time guard passes, and
    /// cancels it. The operation ends only when cancelled, so the guard is the only way out whatever the load; how
    /// soon it fires is not asserted (a starved machine may take far longer than the limit to run the driver).
    @Test func theDriverStopsAnOperationThatHangsInRealTime() async {
        let clock = VirtualClock()
        let cancelled = Locked(false)
        let ending = await drive(clock, virtualBudget: .seconds(3600), realTimeLimit: .milliseconds(200)) {
            await withTaskCancellationHandler {
                while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
            } onCancel: {
                cancelled.withLock { $0 = true }
            }
        }
        guard case .realTimeExceeded = ending else {
            Issue.record("expected the real-time guard, got \(ending)")
            return
        }
        #expect(cancelled.withLock { $0 })
    }

    /// A real-time limit for driver tests that do not test the guard: far above what any loaded machine takes.
    private static let unreachableRealTimeLimit = Duration.seconds(3600)

    /// Every case of the matrix (or the share `IMODELS_MATRIX_SCALE` selects) ends in success or a typed error,
    /// never a crash, hang, duplicate or leaked token, and succeeds where the contract says a retry is safe.
    @Test func everyOperationUnderEveryFault() async {
        let cases = Self.operations.flatMap { operation in
            MatrixFault.all.flatMap { fault in
                Mode.allCases.filter { $0 != .second || operation.repeats }.map { (operation, fault, $0) }
            }
        }
        let divisor = matrixDivisor()
        let selected = cases.enumerated().filter { $0.offset % divisor == 0 }.map(\.element)
        let width = 8
        var outcomes: [Outcome] = []
        await withTaskGroup(of: Outcome.self) { group in
            var next = 0
            func addNext() {
                guard next < selected.count else { return }
                let (operation, fault, mode) = selected[next]
                next += 1
                group.addTask { await Self.run(operation, fault, mode) }
            }
            for _ in 0..<width { addNext() }
            for await outcome in group {
                outcomes.append(outcome)
                addNext()
            }
        }
        for outcome in outcomes.sorted(by: { $0.name < $1.name }) {
            for problem in outcome.problems { Issue.record("\(outcome.name): \(problem)") }
        }
        let succeeded = outcomes.filter(\.succeeded).count
        let typed = outcomes.filter(\.typedError).count
        print("fault matrix: \(outcomes.count) cases (\(succeeded) succeeded, \(typed) typed errors)")
        #expect(outcomes.count == selected.count)
        #expect(outcomes.count >= cases.count / divisor)
    }
}
