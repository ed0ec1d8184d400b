import IModelsTesting
import Testing

/// A Swift Testing trait that verifies every `StubTransport` a test creates when the test ends, and records an issue
/// for each unexpected request and unused stub, so a test cannot pass because it forgot `verify()`.
///
/// Give it to a suite (it applies to every test in it, nested suites included) or to one test:
///
/// ```swift
/// @Suite(.verifiesStubTransports)
/// struct RetryTests {
///     @Test func aServerErrorIsRetried() async throws {
///         let stub = StubTransport()
///         stub.enqueue(.get, "/imodels/abc", status: 503)
///         stub.enqueue(.get, "/imodels/abc", json: #"{"iModel":{"id":"abc"}}"#)
///         // ... no `verify()` needed: an unused stub or an unexpected request fails the test.
///     }
/// }
/// ```
///
/// Transports created in the test's task and in the tasks it starts (structured or `Task {}`, not `Task.detached`)
/// are covered; parameterized tests are verified per argument. A test that throws is not verified (it has failed
/// already). A test that expects an unexpected request or an unused stub says so with
/// `StubTransport.removeUnexpectedRequests()` or `StubTransport.removeUnusedStubs()` and checks what they return; a
/// test that cannot opt out transport by transport uses `.skipsStubTransportVerification(_:)`.
public struct StubTransportVerificationTrait: SuiteTrait, TestTrait, TestScoping {
    /// `false` when the trait opts a test (or suite) out of the verification.
    public let isVerifying: Bool
    /// Why a test opts out, when it does.
    public let comments: [Comment]

    /// `true`: the trait applies to every test of the suite it is given to.
    public var isRecursive: Bool { true }

    /// A scope per test case (each argument of a parameterized test), none for a suite itself; none for an opt-out,
    /// which the verifying trait reads from the test's traits.
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        isVerifying && testCase != nil ? self : nil
    }

    /// Runs the test case with a registry of the transports it creates, then verifies each of them.
    public func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        let optedOut = test.traits.contains { ($0 as? Self)?.isVerifying == false }
        guard !optedOut else {
            // Transports created here belong to no registry, not even an outer one.
            try await StubTransportRegistry.$current.withValue(nil) { try await function() }
            return
        }
        let registry = StubTransportRegistry()
        try await StubTransportRegistry.$current.withValue(registry) { try await function() }
        for transport in registry.transports {
            Self.recordIssues(of: transport)
        }
    }

    /// Records one issue for a transport that fails its verification, at the place it was created.
    private static func recordIssues(of transport: StubTransport) {
        do {
            try transport.verify()
        } catch let error as StubTransport.VerificationError {
            var parts: [String] = []
            if !error.unexpectedRequests.isEmpty {
                parts.append("unexpected requests (answered 501): \(error.unexpectedRequests.joined(separator: "; "))")
            }
            if !error.unusedStubs.isEmpty {
                parts.append("unused stubs: \(error.unusedStubs.joined(separator: "; "))")
            }
            let site = transport.creationSite
            Issue.record(
                Comment(
                    rawValue: "StubTransport created here failed its verification at the end of the test: "
                        + parts.joined(separator: "; ")
                        + ". A test that expects this checks removeUnexpectedRequests() or removeUnusedStubs()."),
                sourceLocation: SourceLocation(
                    fileID: site.fileID, filePath: site.filePath, line: site.line, column: site.column))
        } catch {
            Issue.record(error)
        }
    }
}

extension Trait where Self == StubTransportVerificationTrait {
    /// Verifies every `StubTransport` each test creates when the test ends, and records its unexpected requests and
    /// unused stubs as issues.
    public static var verifiesStubTransports: Self {
        StubTransportVerificationTrait(isVerifying: true, comments: [])
    }

    /// Opts a test (or suite) out of `.verifiesStubTransports`, for a reason worth writing down; prefer checking
    /// `StubTransport.removeUnusedStubs()` or `StubTransport.removeUnexpectedRequests()`.
    public static func skipsStubTransportVerification(_ reason: Comment) -> Self {
        StubTransportVerificationTrait(isVerifying: false, comments: [reason])
    }
}
