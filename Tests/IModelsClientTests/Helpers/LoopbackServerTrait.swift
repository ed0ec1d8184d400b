import Testing

/// Runs a suite with one ``LoopbackServer`` shared by its tests (``LoopbackServer/ports()``), stopped afterwards.
struct LoopbackServerTrait: SuiteTrait, TestScoping {
    /// One server for the whole suite, not one per test.
    var isRecursive: Bool { false }

    func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        try await LoopbackServer.with { ports in
            try await LoopbackServer.$current.withValue(ports) { try await function() }
        }
    }
}

extension Trait where Self == LoopbackServerTrait {
    /// One loopback server for the suite.
    static var loopbackServer: Self { LoopbackServerTrait() }
}
