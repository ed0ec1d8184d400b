import ArgumentParser
import IModelsCLI
import IModelsClient

/// `imodels transformations`: lists the runs of a configuration.
struct TransformationsCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "transformations",
        abstract: "List the runs of a transformation configuration, optionally of one status.",
        discussion: """
            --status takes one of Created, Initializing, Started, Succeeded, Failed, Aborted (any case). On the \
            simulator the configuration defaults to the sample "Import Campus" (one Succeeded run).
            """)

    @Argument(help: ArgumentHelp("The configuration's id.", valueName: "configuration-id"))
    var configurationId: String?

    @Option(help: ArgumentHelp("Only runs with this status.", valueName: "status"))
    var status: String?

    @Flag(help: "Newest first (default: oldest first).")
    var newestFirst = false

    // `.unconditional`: `-1` is read as a value (and refused in `validate()`), not as an option.
    @Option(parsing: .unconditional, help: "List at most this many runs.")
    var top: Int?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try TextOption.check(configurationId, "<configuration-id>")
        if let status, RunList.status(named: status) == nil {
            let values = RunList.statuses.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--status must be one of \(values) (got \"\(status)\").")
        }
        try NumberOption.check(top, "--top", atLeast: 1)
    }

    func run() async throws {
        try await CommandRunner.run(.transformations, global) { session in
            let id = try session.required(
                configurationId, "the configuration id", usage: "imodels transformations <configuration-id>"
            ) { $0.importConfigurationId }
            session.using(id)
            let status = self.status.flatMap(RunList.status(named:))
            // `OrderBy` only when asked: its values are not confirmed by the pages (see `TransformationOrder`).
            let order: TransformationOrder? = newestFirst ? .createdDateTimeDescending : nil
            var listed: [Transformation] = []
            for try await run in session.client.transformations.transformations(of: id, status: status, orderBy: order)
            {
                listed.append(run)
                if let top, listed.count >= top { break }
            }
            let result = RunList(configurationId: id, status: status, transformations: listed)
            session.emit(result, text: result.text)
        }
    }
}
