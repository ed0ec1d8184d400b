/// The ids a command sent (given or defaulted), so that a `404` on the simulator can be explained: an id from an
/// earlier command, or, when all are sample ids, an iModel in another iTwin than the one given with it.
public struct CommandIds: Sendable, Equatable {
    /// That the command sent an iModel's id with an iTwin's id it said holds the iModel (`import --target-project`).
    public struct Placement: Sendable, Equatable {
        /// The iModel.
        public var iModelId: String
        /// The iTwin given with it.
        public var iTwinId: String
        /// The option that gave the iTwin, for example `--target-project`.
        public var option: String

        /// Creates the placement.
        public init(iModelId: String, iTwinId: String, option: String) {
            self.iModelId = iModelId
            self.iTwinId = iTwinId
            self.option = option
        }
    }

    /// Every id the command sent, in order, without repeats.
    public var ids: [String]
    /// The iTwins given with iModels.
    public var placements: [Placement]

    /// Creates the list.
    public init(ids: [String] = [], placements: [Placement] = []) {
        self.ids = ids
        self.placements = placements
    }

    /// Adds ids.
    public mutating func add(_ ids: [String]) {
        for id in ids where !self.ids.contains(id) { self.ids.append(id) }
    }
}

extension Session {
    /// Records ids the command sends.
    public func using(_ ids: String...) {
        self.ids.withLock { $0.add(ids) }
    }

    /// Records that the command sends `iModelId` as being in `iTwinId`, as `option` gave it.
    public func claim(iModel iModelId: String, in iTwinId: String, option: String) {
        ids.withLock {
            $0.add([iModelId, iTwinId])
            $0.placements.append(CommandIds.Placement(iModelId: iModelId, iTwinId: iTwinId, option: option))
        }
    }
}
