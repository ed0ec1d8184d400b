import Foundation
import IModelsClient
import IModelsTesting

/// Everything a command needs: the client (on the service or the simulator), the console, and progress.
public final class Session: Sendable {
    /// How the session was asked for (`--environment`, `--json`, `--verbose`, the token).
    public struct Options: Sendable {
        /// The deployment.
        public var environment: ITwinEnvironment
        /// Machine-readable output on standard output.
        public var json: Bool
        /// One line per HTTP attempt on standard error.
        public var verbose: Bool
        /// Where the token comes from.
        public var credentials: Credentials

        /// Creates options.
        public init(environment: ITwinEnvironment, json: Bool, verbose: Bool, credentials: Credentials) {
            self.environment = environment
            self.json = json
            self.verbose = verbose
            self.credentials = credentials
        }
    }

    /// The options the session was made with.
    public let options: Options
    /// The client every command uses.
    public let client: ITwinClient
    /// The simulator, when there is no token.
    public let world: SimulatorWorld?
    /// Where output goes.
    public let console: Console
    /// The progress display of waits.
    public let progress: ProgressReporter
    /// What Ctrl-C interrupts: what the command waits for, and how to check on it later.
    public let interruption: Protected<InterruptedError>
    /// The ids the command sends, for the hint of a `404` (see ``CommandIds``).
    public let ids = Protected(CommandIds())

    /// Whether the session runs against the built-in simulator.
    public var onSimulator: Bool { world != nil }

    /// Makes a session: with a token, a client of the service; without one, a freshly seeded simulator.
    /// `interruption` is where the command records what it waits for (the caller may have used it already).
    /// `clock` is the client's clock and the simulator's (real time; tests pass a virtual one).
    public init(
        options: Options, console: Console, interruption: Protected<InterruptedError> = Protected(InterruptedError()),
        clock: any ITwinClock = SystemClock()
    ) async throws {
        self.options = options
        self.console = console
        self.interruption = interruption
        progress = ProgressReporter(console: console)
        let world: SimulatorWorld? =
            options.credentials.tokenProvider == nil ? try await SimulatorWorld.make(clock: clock) : nil
        self.world = world

        var configuration = Configuration(environment: options.environment, clock: clock)
        if world != nil { configuration.pollingPolicy = SimulatorWorld.pollingPolicy }
        if options.verbose {
            let prefix = world == nil ? "[http] " : "[simulated http] "
            configuration.log = { event in console.err(prefix + VerboseLine.text(event)) }
        }
        let transport: any HTTPTransport = world?.simulator ?? URLSessionTransport()
        if let world {
            let token = world.sampleData.accessToken
            client = ITwinClient(configuration: configuration, accessToken: { token }, transport: transport)
        } else if let provider = options.credentials.tokenProvider {
            client = ITwinClient(configuration: configuration, tokenProvider: provider, transport: transport)
        } else {
            preconditionFailure("credentials without a provider are the simulator's")
        }
    }

    /// Writes a command's result: `json` with `--json`, else `text` (both on standard output).
    public func emit(_ json: some Encodable, text: @autoclosure () -> String) {
        if options.json {
            console.out(JSONOutput.string(json))
        } else {
            console.out(text())
        }
    }

    /// Writes a line about what is happening (progress stream; not part of `--json` output).
    public func note(_ text: String) { console.note(text) }
}
