import IModelsClient

/// Where a ``StubTransport`` was created: the parts of a Swift Testing `SourceLocation`, without importing Testing
/// (the `imodels` tool links this module).
package struct CreationSite: Sendable, Hashable {
    package var fileID: String
    package var filePath: String
    package var line: Int
    package var column: Int
}

/// The transports created while a scope runs (in its task and the tasks it starts), so that a Swift Testing trait
/// (`IModelsTestingTraits`) can verify each one when a test ends.
package final class StubTransportRegistry: Sendable {
    /// The registry of the running test, if its scope has one.
    @TaskLocal package static var current: StubTransportRegistry?

    private let registered = Locked<[StubTransport]>([])

    package init() {}

    /// Adds a transport that was just created.
    package func register(_ transport: StubTransport) {
        registered.withLock { $0.append(transport) }
    }

    /// Every transport created in the scope, in the order of creation.
    package var transports: [StubTransport] { registered.withLock { $0 } }
}
