import ArgumentParser
import IModelsCLI
import IModelsClient

/// `imodels list`: an iTwin's iModels, filtered and ordered by the service.
struct ListCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List an iTwin's iModels (name, id, state, creation date).",
        discussion: """
            Needs imodels_webview. Filters and order are the service's: --name is an exact name, --search looks in \
            names and descriptions (give one of them), --state notInitialized finds the copies still being created \
            (or that never finished). Pages are followed as needed. On the simulator the iTwin defaults to the \
            sample "Sample Bridges" (try "Sample Copies", 8a3b5c7d-1e2f-4a6b-8c9d-0e1f2a3b4c5d, with --state \
            notInitialized).
            """)

    @Argument(help: ArgumentHelp("The iTwin's id.", valueName: "itwin-id"))
    var iTwinId: String?

    @Option(help: "Only the iModel with exactly this name.")
    var name: String?

    @Option(help: "Only iModels whose name or description contains this text.")
    var search: String?

    @Option(help: "Only iModels in this state: initialized or notInitialized.")
    var state: IModelStateArgument?

    @Option(
        help: ArgumentHelp(
            "Order by name, name-desc, created or created-desc; repeat for more keys (default: the service's order).",
            valueName: "order"))
    var orderBy: [IModelsOrderArgument] = []

    // `.unconditional`: `-1` is read as a value (and refused in `validate()`), not as an option.
    @Option(parsing: .unconditional, help: "List at most this many iModels.")
    var top: Int?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try TextOption.check(iTwinId, "<itwin-id>")
        try TextOption.check(name, "--name", ": omit --name to list every iModel.")
        try TextOption.check(search, "--search", ": omit --search to list every iModel.")
        if name != nil && search != nil {
            throw ValidationError("Give --name or --search, not both: the service does not combine them.")
        }
        try NumberOption.check(top, "--top", atLeast: 1)
        let properties = orderBy.map(\.order.property)
        if Set(properties).count < properties.count {
            throw ValidationError("Give each of name and created at most once to --order-by.")
        }
    }

    func run() async throws {
        try await CommandRunner.run(.list, global) { session in
            let id = try session.required(iTwinId, "the iTwin id", usage: "imodels list <itwin-id>") { $0.iTwinId }
            session.using(id)
            var listed: [IModel] = []
            let pages = session.client.iModels.iModels(
                in: id, name: name, search: search, state: state?.state, orderBy: orderBy.map(\.order),
                top: top.map { min($0, 1000) }, as: IModel.self)
            for try await model in pages {
                listed.append(model)
                if let top, listed.count >= top { break }
            }
            let result = IModelList(iTwinId: id, iModels: listed)
            session.emit(result, text: result.text)
        }
    }
}

/// `--state initialized|notInitialized`.
enum IModelStateArgument: String, ExpressibleByArgument, CaseIterable, Sendable {
    case initialized, notInitialized

    var state: IModelState { self == .initialized ? .initialized : .notInitialized }
}

/// `--order-by name|name-desc|created|created-desc`.
enum IModelsOrderArgument: String, ExpressibleByArgument, CaseIterable, Sendable {
    case name
    case nameDesc = "name-desc"
    case created
    case createdDesc = "created-desc"

    var order: IModelsOrder {
        switch self {
        case .name: return .name
        case .nameDesc: return .nameDescending
        case .created: return .createdDateTime
        case .createdDesc: return .createdDateTimeDescending
        }
    }
}
