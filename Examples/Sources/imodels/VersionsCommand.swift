import ArgumentParser
import IModelsCLI
import IModelsClient

/// `imodels versions list|create`: an iModel's named versions.
struct VersionsCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "versions",
        abstract: "List an iModel's named versions, or name a changeset.",
        discussion: """
            A named version names a changeset (or the baseline), such as a release. Clone or fork as of one with \
            `clone --named-version <name>`; a copy starts without named versions unless --copy-named-versions. On \
            the simulator the iModel defaults to the sample Bridge, which has "Design review" (changeset 4), \
            "Release 1.0" (8) and "Release 1.1" (12).
            """,
        subcommands: [VersionsListCommand.self, VersionsCreateCommand.self])
}

/// `imodels versions list`.
struct VersionsListCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List an iModel's named versions (changeset index, name, state, creation date, id).",
        discussion: "Needs imodels_webview. Pages are followed as needed.")

    @Argument(help: ArgumentHelp("The iModel's id.", valueName: "imodel-id"))
    var iModelId: String?

    @Option(help: "Only named versions whose name or description contains this text.")
    var search: String?

    @Option(help: "Only the named version with exactly this name.")
    var name: String?

    @Option(
        help: ArgumentHelp(
            "Order by index, index-desc, created or created-desc; repeat for more keys (default: the service's order).",
            valueName: "order"))
    var orderBy: [NamedVersionOrderArgument] = []

    // `.unconditional`: `-1` is read as a value (and refused in `validate()`), not as an option.
    @Option(parsing: .unconditional, help: "List at most this many named versions.")
    var top: Int?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try TextOption.check(iModelId, "<imodel-id>")
        try TextOption.check(search, "--search", ": omit --search to list every named version.")
        try TextOption.check(name, "--name", ": omit --name to list every named version.")
        if name != nil && search != nil { throw ValidationError("Give --name or --search, not both.") }
        try NumberOption.check(top, "--top", atLeast: 1)
        let properties = orderBy.map(\.order.property)
        if Set(properties).count < properties.count {
            throw ValidationError("Give each of index and created at most once to --order-by.")
        }
    }

    func run() async throws {
        try await CommandRunner.run(.versions, global) { session in
            let id = try session.required(iModelId, "the iModel id", usage: "imodels versions list <imodel-id>") {
                $0.bridgeIModelId
            }
            session.using(id)
            var listed: [NamedVersion] = []
            let pages = session.client.iModels.namedVersions(
                of: id, name: name, search: search, orderBy: orderBy.map(\.order), top: top.map { min($0, 1000) })
            for try await version in pages {
                listed.append(version)
                if let top, listed.count >= top { break }
            }
            let result = NamedVersionList(iModelId: id, namedVersions: listed)
            session.emit(result, text: result.text)
        }
    }
}

/// `imodels versions create`.
struct VersionsCreateCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Name a changeset of an iModel (or its baseline) as a named version.",
        discussion: """
            Without --changeset-id the version names the baseline. A name is unique in the iModel, and a changeset \
            carries at most one named version (both refused with 409). Needs imodels_write. A lost answer does not \
            make a second version: the SDK looks for it before sending again.
            """)

    @Argument(help: ArgumentHelp("The iModel's id.", valueName: "imodel-id"))
    var iModelId: String?

    @Option(help: "The named version's name (required; unique in the iModel).")
    var name: String

    @Option(help: "Its description.")
    var description: String?

    @Option(help: "The changeset to name (default: the baseline; list them with `imodels changesets`).")
    var changesetId: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try TextOption.check(iModelId, "<imodel-id>")
        try TextOption.check(name, "--name")
        try TextOption.check(changesetId, "--changeset-id", ": omit it to name the baseline.")
        for (value, option) in [(name, "--name"), (description, "--description")] {
            if let value, value.utf16.count > 255 {
                throw ValidationError("\(option) must be at most 255 characters (got \(value.utf16.count)).")
            }
        }
    }

    func run() async throws {
        try await CommandRunner.run(.versions, global) { session in
            let id = try session.required(
                iModelId, "the iModel id", usage: "imodels versions create <imodel-id> --name <name>"
            ) {
                $0.bridgeIModelId
            }
            session.using(id)
            let version = try await session.client.iModels.createNamedVersion(
                of: id, name: name, description: description, changesetId: changesetId)
            let result = NamedVersionResult(iModelId: id, namedVersion: version)
            session.emit(result, text: result.text)
        }
    }
}

/// `--order-by index|index-desc|created|created-desc` of `versions list`.
enum NamedVersionOrderArgument: String, ExpressibleByArgument, CaseIterable, Sendable {
    case index
    case indexDesc = "index-desc"
    case created
    case createdDesc = "created-desc"

    var order: NamedVersionOrder {
        switch self {
        case .index: return .changesetIndex
        case .indexDesc: return .changesetIndexDescending
        case .created: return .createdDateTime
        case .createdDesc: return .createdDateTimeDescending
        }
    }
}
