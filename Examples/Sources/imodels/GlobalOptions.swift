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
            "A shell command that prints the access token (run with /bin/sh -c; its trimmed output is the token; "
                + "stopped after 60 s).",
            valueName: "command"))
    var tokenCommand: String?

    @Flag(help: "Run against the built-in simulator even when ITWIN_ACCESS_TOKEN is set.")
    var simulator = false

    func validate() throws {
        if let tokenCommand {
            do {
                try TokenCommand.validate(tokenCommand)
            } catch {
                throw ValidationError(String(describing: error))
            }
        }
    }
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

/// `--timeout 90s|15m|2h|600`: more than zero, at most 720h.
///
/// Declared as `@Option(parsing: .unconditional, help: TimeoutArgument.help(...), transform: TimeoutArgument.parse)`
/// and optional, so that a negative value is read as a value (not as an option) and refused with what is wrong, and
/// so that a command can tell whether `--timeout` was given.
struct TimeoutArgument: Sendable, CustomStringConvertible {
    var duration: Duration
    var text: String

    init(_ text: String, _ duration: Duration) {
        self.text = text
        self.duration = duration
    }

    /// Reads a value; a bad one is refused with ``DurationText/Problem``'s description (exit code 2).
    static func parse(_ argument: String) throws -> TimeoutArgument {
        TimeoutArgument(argument, try DurationText.timeout(argument))
    }

    /// The help of a `--timeout` whose default is `defaultValue`; `prefix` says when it applies.
    static func help(_ defaultValue: TimeoutArgument, prefix: String = "") -> ArgumentHelp {
        ArgumentHelp(
            "\(prefix)Stop waiting after this long: 90s, 15m, 2h, 500ms or a number of seconds, up to 720h "
                + "(default: \(defaultValue.text)).",
            valueName: "duration")
    }

    var description: String { text }

    static let creation = TimeoutArgument("30m", .seconds(1800))
    static let transformation = TimeoutArgument("60m", .seconds(3600))
}

/// The numeric options (`--changeset-index`, `--top`, ...): declared with `parsing: .unconditional`, so that `-1` is a
/// value rather than an unknown option ("Missing value"), and checked here.
enum NumberOption {
    /// Refuses `value` below `minimum`: `--changeset-index must be ≥ 0 (got -1).`
    static func check(_ value: Int?, _ name: String, atLeast minimum: Int) throws {
        if let value, value < minimum { throw ValidationError("\(name) must be ≥ \(minimum) (got \(value)).") }
    }
}

/// The messages of options that make no sense together.
enum ConflictMessage {
    /// `--no-wait returns once the service accepted the request, so --timeout has no effect: drop one of them.`
    static func noWait(with option: String, returns: String = "once the service accepted the request") -> String {
        "--no-wait returns \(returns), so \(option) has no effect: drop one of them."
    }
}

/// Text options and ids that must not be blank, checked before the SDK sees them, so that its wording ("pass nil",
/// ".baselineOnly", "iModelId") does not reach the user.
enum TextOption {
    /// Refuses a blank `value` (empty, or spaces only): `"\(name) must not be blank" + advice`.
    static func check(_ value: String?, _ name: String, _ advice: String = ".") throws {
        if let value, value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("\(name) must not be blank\(advice)")
        }
    }
}
