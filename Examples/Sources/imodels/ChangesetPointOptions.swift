import ArgumentParser
import IModelsCLI
import IModelsClient

/// How far a clone or fork copies the source's changesets: all of them, the baseline only, up to one, or as of a
/// named version.
struct ChangesetPointOptions: ParsableArguments, Sendable {
    // `.unconditional`: `-1` is read as a value (and refused below), not as an option.
    @Option(parsing: .unconditional, help: "Copy the changesets up to and including this index.")
    var changesetIndex: Int?

    @Option(help: "Copy the changesets up to and including this changeset id.")
    var changesetId: String?

    @Flag(help: "Copy the baseline only, no changesets.")
    var baselineOnly = false

    @Option(
        help: ArgumentHelp(
            "Copy the source as of its named version of this name (list them with `imodels versions list`).",
            valueName: "name"))
    var namedVersion: String?

    func validate() throws {
        let given = [changesetIndex != nil, changesetId != nil, baselineOnly, namedVersion != nil].filter { $0 }.count
        if given > 1 {
            throw ValidationError(
                "Give at most one of --changeset-index, --changeset-id, --named-version and --baseline-only.")
        }
        try TextOption.check(namedVersion, "--named-version", ": omit it to copy every changeset.")
        try NumberOption.check(changesetIndex, "--changeset-index", atLeast: 0)
        try TextOption.check(changesetId, "--changeset-id", ": use --baseline-only to copy no changesets.")
    }

    /// The point, with the named version `--named-version` names on `source` looked up
    /// (`GET …/namedversions?name=…`): a name the source does not have is a usage error that says how to list them,
    /// before anything is created.
    func resolve(on source: String, session: Session) async throws -> (ChangesetPoint, NamedVersion?) {
        guard let namedVersion else { return (point, nil) }
        let found = try await session.client.iModels.namedVersions(of: source, name: namedVersion).collect()
        // Only the exact name: a service that matched without regard to case, or ignored the filter, must not make
        // the copy as of another version.
        guard let version = found.first(where: { $0.name == namedVersion }) else {
            let near = found.map(\.name).filter { $0.lowercased() == namedVersion.lowercased() }
            let suggestion =
                near.isEmpty ? "" : " (it has \(near.map { "\"\(TerminalText.line($0))\"" }.joined(separator: ", ")))"
            throw ToolError.usage(
                "iModel \(source) has no named version \"\(TerminalText.line(namedVersion))\"\(suggestion): list its named "
                    + "versions with `\(ShellWord.command("imodels", "versions", "list", source))`.")
        }
        return (.namedVersion(version.id), version)
    }

    /// The point given by the options other than `--named-version` (``resolve(on:session:)`` looks that one up).
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
