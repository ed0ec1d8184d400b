import Foundation
import IModelsClient

/// An ``IModelsSimulator``, a ``VirtualClock`` and an `ITwinClient` wired together for a test: the client talks to the
/// simulator with an accepted token, and both read the same clock, so a ten-minute clone finishes as soon as the
/// test runs the clock.
///
/// `SimulatorFixture()` seeds the sample data (``IModelsSimulator/addSampleData()``), which ``sample`` names:
///
/// ```swift
/// @Test func aCloneOfTheSampleBridgeIsReady() async throws {
///     let fixture = SimulatorFixture()
///     let clone = try await fixture.run {
///         try await fixture.client.cloneAndWait(
///             fixture.sample.bridgeIModelId, into: fixture.sample.targetITwinId, name: "Copy")
///     }
///     #expect(clone.state == .initialized)
///     #expect(fixture.elapsed < .seconds(30))
/// }
/// ```
///
/// A test that needs its own data seeds it in the closure, and reads what the closure returned as ``world`` (or
/// straight through the fixture: `fixture.bridge` reads `fixture.world.bridge`):
///
/// ```swift
/// struct Bridges: Sendable { var iTwin: String; var bridge: String }
///
/// let fixture = SimulatorFixture(options: SimulatorOptions(tier: .trial)) { simulator in
///     let iTwin = simulator.addITwin(name: "Bridges")
///     return Bridges(iTwin: iTwin, bridge: simulator.addIModel(SimulatorIModelSeed(iTwinId: iTwin, name: "Bridge")))
/// }
/// let copy = try await fixture.client.iModels.clone(fixture.bridge, into: fixture.iTwin, name: "Copy")
/// ```
@dynamicMemberLookup
public struct SimulatorFixture<World: Sendable>: Sendable {
    /// The clock of the simulator and of the client; only the test moves it (``run(_:)``, `advance(by:)`).
    public let clock: VirtualClock
    /// The simulated service, for seeding, inspection and faults.
    public let simulator: IModelsSimulator
    /// A client of the simulator, on ``clock``, sending ``accessToken``.
    public let client: ITwinClient
    /// The token the client sends, which the simulator accepts with every permission in every iTwin.
    public let accessToken: String
    /// What the seeding closure returned: the ids a test works with.
    public let world: World
    /// The clock's time when the fixture was made.
    public let start: Date

    /// Creates a simulator on a new virtual clock, accepts `accessToken`, seeds it with `seed`, and makes a client.
    ///
    /// - Parameters:
    ///   - options: the simulator's tier, creation durations, page size and strictness.
    ///   - idSeed: the seed of the simulator's generated ids.
    ///   - accessToken: the token the client sends and the simulator accepts.
    ///   - configuration: the client's configuration; its clock is replaced by the fixture's.
    ///   - seed: adds the test's iTwins and iModels, and returns their ids.
    public init(
        options: SimulatorOptions = SimulatorOptions(),
        idSeed: UInt64 = 1,
        accessToken: String = "simulator-fixture-token",
        configuration: Configuration = Configuration(),
        seed: (IModelsSimulator) throws -> World
    ) rethrows {
        clock = VirtualClock()
        start = clock.now
        simulator = IModelsSimulator(clock: clock, options: options, idSeed: idSeed)
        simulator.addAccessToken(accessToken)
        self.accessToken = accessToken
        world = try seed(simulator)
        var configuration = configuration
        configuration.clock = clock
        client = ITwinClient(configuration: configuration, accessToken: { accessToken }, transport: simulator)
    }

    /// A member of ``world``, read through the fixture (`fixture.bridge` for `fixture.world.bridge`).
    public subscript<Value>(dynamicMember keyPath: KeyPath<World, Value>) -> Value {
        world[keyPath: keyPath]
    }

    /// The virtual time since the fixture was made.
    public var elapsed: Duration {
        let seconds = clock.now.timeIntervalSince(start)
        return .seconds(seconds)
    }

    /// Runs `operation` while driving the clock (``VirtualClock/run(maxSteps:_:)``) and returns its result.
    public func run<Result: Sendable>(
        _ operation: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        try await clock.run(operation)
    }

    /// Another client of the same simulator on the same clock, sending the same token: a second process, or a client
    /// whose transport wraps ``simulator`` (to lose an answer, for example).
    ///
    /// - Parameters:
    ///   - configuration: its configuration; its clock is replaced by the fixture's.
    ///   - transport: its transport; ``simulator`` when `nil`.
    public func makeClient(
        configuration: Configuration = Configuration(), transport: (any HTTPTransport)? = nil
    ) -> ITwinClient {
        var configuration = configuration
        configuration.clock = clock
        let token = accessToken
        return ITwinClient(configuration: configuration, accessToken: { token }, transport: transport ?? simulator)
    }
}

extension SimulatorFixture where World == SimulatorSampleData {
    /// Creates a simulator seeded with the sample data (two iTwins, three iModels, see ``SimulatorSampleData``) on a
    /// new virtual clock, and a client that sends the sample's token.
    ///
    /// - Parameters:
    ///   - options: the simulator's tier, creation durations, page size and strictness.
    ///   - configuration: the client's configuration; its clock is replaced by the fixture's.
    public init(options: SimulatorOptions = SimulatorOptions(), configuration: Configuration = Configuration()) {
        self.init(
            options: options, accessToken: IModelsSimulator.sampleAccessToken, configuration: configuration
        ) { simulator in
            simulator.addSampleData()
        }
    }

    /// The ids of the sample iTwins and iModels, and the sample's token.
    public var sample: SimulatorSampleData { world }
}
