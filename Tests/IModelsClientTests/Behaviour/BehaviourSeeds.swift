import Foundation
import IModelsClient
import IModelsTesting
import Testing

/// What the behaviour suites seed: an iTwin with a source iModel, and a second, empty iTwin.
struct BehaviourSeeds: Sendable {
    /// "Bridges", holding the source.
    let iTwin: String
    /// "Copies", empty.
    let otherITwin: String
    /// "Bridge", with the changesets asked for.
    let source: String
}

extension SimulatorFixture where World == BehaviourSeeds {
    /// The SDK against the simulator on one shared virtual clock: a production client (jitter seed 11) that sends
    /// `testToken`, and ``BehaviourSeeds``.
    static func behaviour(
        options: SimulatorOptions = SimulatorOptions(), rateLimits: RateLimits = .none, changesetCount: Int = 3,
        missingFederationGuids: Bool = false
    ) -> Self {
        SimulatorFixture(
            options: options, accessToken: testToken,
            configuration: Configuration(environment: .production, rateLimits: rateLimits, jitterSeed: 11)
        ) { simulator in
            let iTwin = simulator.addITwin(name: "Bridges")
            let otherITwin = simulator.addITwin(name: "Copies")
            let source = simulator.addIModel(
                SimulatorIModelSeed(
                    iTwinId: iTwin, name: "Bridge", description: "The source bridge", changesetCount: changesetCount,
                    isMissingFederationGuids: missingFederationGuids))
            return BehaviourSeeds(iTwin: iTwin, otherITwin: otherITwin, source: source)
        }
    }

    /// How many iModels named `name` the iTwin holds.
    func count(named name: String, in iTwinId: String? = nil) -> Int {
        simulator.iModels(in: iTwinId ?? world.iTwin).filter { $0.name == name }.count
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
