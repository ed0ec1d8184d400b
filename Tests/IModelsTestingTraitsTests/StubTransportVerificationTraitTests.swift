import Foundation
import IModelsTestingTraits
import Testing

@testable import IModelsClient
@testable import IModelsTesting

/// The trait verifies the transports a test creates: these tests run its scope by hand inside `withKnownIssue`, so
/// the issues it records at the end of that scope are caught and checked (and a missing one fails the test).
@Suite(.verifiesStubTransports)
struct StubTransportVerificationTraitTests {
    private let request = HTTPRequest(method: .get, url: URL(string: "https://api.example.test/imodels/abc")!)

    /// Runs `body` in the scope the trait gives a test case, and returns the issues it recorded.
    private func issues(
        of trait: StubTransportVerificationTrait = .verifiesStubTransports,
        _ body: @escaping @Sendable () async throws -> Void
    ) async throws -> [Issue] {
        let test = try #require(Test.current)
        let testCase = try #require(Test.Case.current)
        let recorded = Locked<[Issue]>([])
        try await withKnownIssue {
            try await trait.provideScope(for: test, testCase: testCase, performing: body)
        } matching: { issue in
            recorded.withLock { $0.append(issue) }
            return true
        }
        return recorded.withLock { $0 }
    }

    @Test func anUnusedStubFailsTheTestAtTheLineThatCreatedTheTransport() async throws {
        let line = Locked(0)
        let found = try await issues {
            line.withLock { $0 = #line + 1 }
            let stub = StubTransport()
            stub.enqueue(.get, "/imodels/abc", status: 200)
        }
        try #require(found.count == 1)
        let text = String(describing: found[0])
        #expect(text.contains("unused stubs: GET /imodels/abc"), "\(text)")
        #expect(found[0].sourceLocation?.fileID == #fileID)
        #expect(found[0].sourceLocation?.line == line.withLock { $0 })
    }

    @Test func anUnexpectedRequestFailsTheTest() async throws {
        let request = self.request
        let found = try await issues {
            let stub = StubTransport()
            let response = try await stub.send(request)
            #expect(response.status == 501)
        }
        try #require(found.count == 1)
        #expect(String(describing: found[0]).contains("unexpected requests (answered 501): GET"))
    }

    @Test func eachFailingTransportIsReportedOnItsOwn() async throws {
        let request = self.request
        let found = try await issues {
            let first = StubTransport()
            first.enqueue(.post, "/imodels/abc/clone", status: 202)
            let used = StubTransport()
            used.enqueue(.get, "/imodels/abc", status: 200)
            _ = try await used.send(request)
            _ = try await StubTransport().send(request)
        }
        #expect(found.count == 2)
    }

    @Test func transportsCreatedInChildAndUnstructuredTasksAreCovered() async throws {
        let found = try await issues {
            async let child: Void = { StubTransport().enqueue(.get, "/child", status: 200) }()
            await child
            await Task { StubTransport().enqueue(.get, "/task", status: 200) }.value
        }
        let texts = found.map { String(describing: $0) }
        #expect(texts.count == 2)
        #expect(texts.contains { $0.contains("GET /child") } && texts.contains { $0.contains("GET /task") })
    }

    /// These are not failures: a scope without any must record nothing (`withKnownIssue` would then complain, so
    /// the scope runs plainly here).
    @Test func aFullyUsedTransportAndExpectationsSaidOutLoudRecordNothing() async throws {
        let request = self.request
        let test = try #require(Test.current)
        let testCase = try #require(Test.Case.current)
        try await StubTransportVerificationTrait.verifiesStubTransports.provideScope(for: test, testCase: testCase) {
            let used = StubTransport()
            used.enqueue(.get, "/imodels/abc", status: 200)
            _ = try await used.send(request)

            let expecting = StubTransport()
            expecting.enqueue(.get, "/imodels/later", status: 200)
            _ = try await expecting.send(request)
            #expect(expecting.removeUnusedStubs().map(\.description) == ["GET /imodels/later"])
            #expect(expecting.removeUnexpectedRequests() == [request])
            #expect(expecting.requests == [request], "the log of requests keeps the unexpected one")
            try expecting.verify()
        }
    }

    @Test func aTestThatThrowsIsNotVerifiedAgain() async throws {
        struct Failure: Error {}
        let test = try #require(Test.current)
        let testCase = try #require(Test.Case.current)
        await #expect(throws: Failure.self) {
            try await StubTransportVerificationTrait.verifiesStubTransports.provideScope(
                for: test, testCase: testCase
            ) {
                StubTransport().enqueue(.get, "/never", status: 200)
                throw Failure()
            }
        }
    }

    @Test func aTransportIsVerifiedByTheInnermostScopeOnly() async throws {
        let found = try await issues {
            try await StubTransportVerificationTrait.verifiesStubTransports.provideScope(
                for: try #require(Test.current), testCase: Test.Case.current
            ) {
                StubTransport().enqueue(.get, "/inner", status: 200)
            }
        }
        #expect(found.count == 1)
    }

    @Test func theSuiteTraitGivesEveryTestARegistry() {
        #expect(StubTransportRegistry.current != nil)
        let stub = StubTransport()
        #expect(StubTransportRegistry.current?.transports.contains { $0 === stub } == true)
    }

    @Test(.skipsStubTransportVerification("this test checks the opt-out itself"))
    func aTestThatOptsOutIsNotVerified() async throws {
        #expect(StubTransportRegistry.current == nil, "an opted-out test has no registry, not even its suite's")
        let test = try #require(Test.current)
        let testCase = try #require(Test.Case.current)
        try await StubTransportVerificationTrait.verifiesStubTransports.provideScope(for: test, testCase: testCase) {
            StubTransport().enqueue(.get, "/left/alone", status: 200)
        }
    }

    @Test func theTraitAppliesPerTestCaseAndOnlyWhenVerifying() throws {
        let test = try #require(Test.current)
        let testCase = try #require(Test.Case.current)
        let verifying = StubTransportVerificationTrait.verifiesStubTransports
        let optingOut = StubTransportVerificationTrait.skipsStubTransportVerification("reason")
        #expect(verifying.isRecursive && optingOut.isRecursive)
        #expect(verifying.scopeProvider(for: test, testCase: testCase) != nil)
        #expect(verifying.scopeProvider(for: test, testCase: nil) == nil)
        #expect(optingOut.scopeProvider(for: test, testCase: testCase) == nil)
        #expect(optingOut.comments == ["reason"])
    }
}

/// A transport stored in the suite is created for each test, inside the test's scope, so it is covered too.
@Suite(.verifiesStubTransports)
struct StubTransportStoredInASuiteTests {
    let stub = StubTransport()

    @Test func aTransportStoredInTheSuiteIsRegisteredForTheTest() {
        #expect(StubTransportRegistry.current?.transports.contains { $0 === stub } == true)
    }
}
