import ArgumentParser
import IModelsCLI
import IModelsClient

/// The options every subcommand takes.
struct GlobalOptions: ParsableArguments, Sendable {
    @Option(help: "The deployment: production, qa or dev.")
    var environment: EnvironmentArgument = .production

    @Flag(help: "Print the result as JSON on standard output (progress and errors go to standard error).")
    var json = false

    @Flag(help: "Print one line per HTTP attempt on standard error (the token is never shown).")
    var verbose = false

    @Option(
        help: ArgumentHelp(
            "A shell command that prints the access token (run with /bin/sh -c; its trimmed output is the token).",
            valueName: "command"))
    var tokenCommand: String?

    @Flag(help: "Run against the built-in simulator even when ITWIN_ACCESS_TOKEN is set.")
    var simulator = false
}

/// `--environment production|qa|dev`.
enum EnvironmentArgument: String, ExpressibleByArgument, CaseIterable, Sendable {
    case production, qa, dev

    var environment: ITwinEnvironment {
        switch self {
        case .production: return .production
        case .qa: return .qa
        case .dev: return .dev
        }
    }
}

/// `--until initialized|completed`.
enum MilestoneArgument: String, ExpressibleByArgument, CaseIterable, Sendable {
    case initialized, completed

    var milestone: CreationMilestone { self == .initialized ? .initialized : .completed }
}

/// `--timeout 90s|15m|2h|600`.
struct TimeoutArgument: ExpressibleByArgument, Sendable, CustomStringConvertible {
    var duration: Duration
    var text: String

    init(_ text: String, _ duration: Duration) {
        self.text = text
        self.duration = duration
    }

    init?(argument: String) {
        guard let duration = DurationText.parse(argument), duration > .zero else { return nil }
        self.init(argument, duration)
    }

    var description: String { text }
    var defaultValueDescription: String { text }

    static let creation = TimeoutArgument("30m", .seconds(1800))
    static let transformation = TimeoutArgument("60m", .seconds(3600))
}
