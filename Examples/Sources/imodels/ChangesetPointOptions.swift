import ArgumentParser
import IModelsClient

/// How far a clone or fork copies the source's changesets: all of them, the baseline only, or up to one.
struct ChangesetPointOptions: ParsableArguments, Sendable {
    // `.unconditional`: `-1` is read as a value (and refused below), not as an option.
    @Option(parsing: .unconditional, help: "Copy the changesets up to and including this index.")
    var changesetIndex: Int?

    @Option(help: "Copy the changesets up to and including this changeset id.")
    var changesetId: String?

    @Flag(help: "Copy the baseline only, no changesets.")
    var baselineOnly = false

    func validate() throws {
        let given = [changesetIndex != nil, changesetId != nil, baselineOnly].filter { $0 }.count
        if given > 1 {
            throw ValidationError("Give at most one of --changeset-index, --changeset-id and --baseline-only.")
        }
        try NumberOption.check(changesetIndex, "--changeset-index", atLeast: 0)
        try TextOption.check(changesetId, "--changeset-id", ": use --baseline-only to copy no changesets.")
    }

    var point: ChangesetPoint {
        if let changesetIndex { return .changesetIndex(changesetIndex) }
        if let changesetId { return .changesetId(changesetId) }
        if baselineOnly { return .baselineOnly }
        return .latest
    }
}

/// `--until`, `--no-wait` and `--timeout` of the commands that create an iModel. `--until` and `--timeout` are
/// optional (their defaults are `completed` and `30m`), so that giving them with `--no-wait` can be refused.
struct CreationWaitOptions: ParsableArguments, Sendable {
    @Option(
        help: "Wait until the iModel is initialized (usable) or completed (everything copied) (default: completed).")
    var until: MilestoneArgument?

    @Flag(help: "Return as soon as the service accepted the request.")
    var noWait = false

    @Option(parsing: .unconditional, help: TimeoutArgument.help(.creation), transform: TimeoutArgument.parse)
    var timeout: TimeoutArgument?

    /// `--timeout`, or its default.
    var timeoutDuration: Duration { (timeout ?? .creation).duration }

    /// `--until`, or its default.
    var milestone: MilestoneArgument { until ?? .completed }

    func validate() throws {
        guard noWait else { return }
        if until != nil { throw ValidationError(ConflictMessage.noWait(with: "--until")) }
        if timeout != nil { throw ValidationError(ConflictMessage.noWait(with: "--timeout")) }
    }
}
