import Foundation
import IModelsClient
import IModelsTesting
import Testing

/// The SDK against the simulator on one shared virtual clock: a production client, an iTwin with a source iModel,
/// and a second, empty iTwin.
struct SimulatedService {
    let clock: VirtualClock
    let simulator: IModelsSimulator
    let client: ITwinClient
    /// "Bridges", holding the source.
    let iTwin: String
    /// "Copies", empty.
    let otherITwin: String
    /// "Bridge", with `changesetCount` changesets.
    let source: String
    let start: Date

    init(
        options: SimulatorOptions = SimulatorOptions(), rateLimits: RateLimits = .none, changesetCount: Int = 3,
        missingFederationGuids: Bool = false
    ) {
        clock = VirtualClock()
        start = clock.now
        simulator = IModelsSimulator(clock: clock, options: options)
        iTwin = simulator.addITwin(name: "Bridges")
        otherITwin = simulator.addITwin(name: "Copies")
        source = simulator.addIModel(
            SimulatorIModelSeed(
                iTwinId: iTwin, name: "Bridge", description: "The source bridge", changesetCount: changesetCount,
                isMissingFederationGuids: missingFederationGuids))
        simulator.addAccessToken(testToken)
        client = ITwinClient(
            configuration: Configuration(
                environment: .production, rateLimits: rateLimits, clock: clock, jitterSeed: 11),
            accessToken: { testToken }, transport: simulator)
    }

    /// Virtual seconds since the service was created.
    var elapsed: TimeInterval { clock.now.timeIntervalSince(start) }

    /// How many iModels named `name` the iTwin holds.
    func count(named name: String, in iTwinId: String? = nil) -> Int {
        simulator.iModels(in: iTwinId ?? iTwin).filter { $0.name == name }.count
    }

    /// The logged requests whose method and path (without query) are `method` and `path`.
    func logged(_ method: HTTPMethod, _ pattern: PathPattern) -> [SimulatorLogEntry] {
        simulator.requestLog.filter { $0.request.method == method && pattern.matches($0.request.url) }
    }

    /// How many answers of the log were `429`.
    var rateLimitedCount: Int { simulator.requestLog.filter { $0.status == 429 }.count }
}

/// The number of concurrent calls a heavy test makes: `IMODELS_SIM_COUNT` or `defaultValue`.
func simulatorLoad(_ defaultValue: Int) -> Int {
    ProcessInfo.processInfo.environment["IMODELS_SIM_COUNT"].flatMap(Int.init).map { max(1, $0) } ?? defaultValue
}
