import Foundation
import IModelsTesting
import Testing

@testable import IModelsClient

/// What the suites that wait for a new iModel over a `StubTransport` share: its id, the paths and request lines of
/// its wait, and the delays of `PollingPolicy.default`.
protocol NewIModelWait {}

extension NewIModelWait {
    typealias F = IModelsFixtures

    var id: String { "new-1" }
    var operationPath: PathPattern { PathPattern("/imodels/\(id)/operations/create") }
    var iModelPath: PathPattern { PathPattern("/imodels/\(id)") }
    var operationURL: String { "GET \(F.base)/imodels/\(id)/operations/create" }
    var iModelURL: String { "GET \(F.base)/imodels/\(id)" }

    /// The un-jittered delays of `PollingPolicy.default`, written out: 1 s, ×2, capped at 15 s.
    static var defaultNominalDelays: [Double] { [1, 2, 4, 8, 15, 15, 15, 15, 15, 15, 15] }

    /// Expects each delay to be the policy's nominal delay reduced by at most its jitter (10 %): never above.
    func expectDefaultPolicyDelays(
        _ sleeps: [Duration], startingAt first: Int = 0, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for (offset, sleep) in sleeps.enumerated() {
            let nominal = Self.defaultNominalDelays[min(first + offset, Self.defaultNominalDelays.count - 1)]
            #expect(
                sleep.seconds <= nominal && sleep.seconds >= nominal * 0.9,
                "delay \(offset) is \(sleep.seconds) s, outside \(nominal * 0.9)...\(nominal)",
                sourceLocation: sourceLocation)
        }
    }
}
