import ArgumentParser
import IModelsCLI
import IModelsClient

/// `imodels changesets`: lists an iModel's changesets.
struct ChangesetsCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "changesets",
        abstract: "List an iModel's changesets (oldest first, or --descending).",
        discussion: """
            Pages are followed as needed. Use an index with `clone --changeset-index` or `fork --changeset-index`. \
            On the simulator the iModel defaults to the sample Bridge (12 changesets).
            """)

    @Argument(help: ArgumentHelp("The iModel's id.", valueName: "imodel-id"))
    var iModelId: String?

    // `.unconditional`: `-1` is read as a value (and refused in `validate()`), not as an option.
    @Option(parsing: .unconditional, help: "List at most this many changesets.")
    var top: Int?

    @Option(parsing: .unconditional, help: "Only changesets with a greater index.")
    var afterIndex: Int?

    @Option(parsing: .unconditional, help: "Only changesets with this index or a smaller one.")
    var lastIndex: Int?

    @Flag(help: "Newest first.")
    var descending = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try TextOption.check(iModelId, "<imodel-id>")
        try NumberOption.check(top, "--top", atLeast: 1)
        try NumberOption.check(afterIndex, "--after-index", atLeast: 0)
        try NumberOption.check(lastIndex, "--last-index", atLeast: 0)
        if let afterIndex, let lastIndex, afterIndex >= lastIndex {
            throw ValidationError(
                "--after-index \(afterIndex) and --last-index \(lastIndex) select no changesets: --after-index must be "
                    + "less than --last-index.")
        }
    }

    func run() async throws {
        try await CommandRunner.run(.changesets, global) { session in
            let id = try session.required(iModelId, "the iModel id", usage: "imodels changesets <imodel-id>") {
                $0.bridgeIModelId
            }
            session.using(id)
            var listed: [Changeset] = []
            let pages = session.client.iModels.changesets(
                of: id, top: top.map { min($0, 1000) }, afterIndex: afterIndex, lastIndex: lastIndex,
                descending: descending)
            for try await changeset in pages {
                listed.append(changeset)
                if let top, listed.count >= top { break }
            }
            let result = ChangesetList(iModelId: id, changesets: listed)
            session.emit(result, text: result.text)
        }
    }
}
