import Foundation
import IModelsClient

/// A transformation configuration the simulator holds.
struct ConfigurationRecord {
    var id: String
    var transformType: String
    var transformName: String
    var comment: String
    var sourceProjectId: String
    var sourceIModelId: String
    var targetProjectId: String
    var targetIModelId: String
    var fedGuids: [String]?
    /// The `transformParameters` of the types beyond ImportIModel, as sent (validated).
    var parameters: JSONValue? = nil
    var createdAt: Date
    /// The source's last changeset index that a successful run of this configuration has brought over.
    var syncedSourceIndex: Int?
}

/// A transformation run; its status is computed from the clock and the runs before it on the same target.
struct RunRecord {
    var id: String
    var configurationId: String
    var sourceProjectId: String
    var targetProjectId: String
    var targetIModelId: String
    var createdAt: Date
    /// How long the run stays `Created`, then `Initializing` (the options when it was created).
    var phase: TimeInterval
    /// How many elements a second it processes (the options when it was created).
    var elementsPerSecond: Int
    var totalElementCount: Int
    var sourceChangesetIndex: Int
    var sourceChangesetId: String
    var failureMessage: String?
    var abortedAt: Date?
    var effectsApplied = false
    var pushedChangesetId: String?
}

/// When a run passes through each status.
struct RunTimeline {
    var begin: Date
    var initializingAt: Date
    var startedAt: Date
    var endsAt: Date
    var abortedAt: Date?

    /// When the run stopped (finished, failed or aborted).
    var finishedAt: Date { abortedAt.map { min($0, endsAt) } ?? endsAt }
}
