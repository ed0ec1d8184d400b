import ArgumentParser
import IModelsCLI
import IModelsClient

/// Runs a subcommand's body in a session: resolves the token (or starts the simulator and says so), lets Ctrl-C
/// stop it, and turns an error into its message, hint and exit code.
enum CommandRunner {
    static func run(
        _ command: CommandName, _ options: GlobalOptions, _ body: @escaping @Sendable (Session) async throws -> Void
    ) async throws {
        let console = Console(json: options.json)
        var session: Session?
        do {
            let credentials = try await Credentials.resolve(
                tokenCommand: options.tokenCommand, forceSimulator: options.simulator)
            let made = try await Session(
                options: Session.Options(
                    environment: options.environment.environment, json: options.json, verbose: options.verbose,
                    credentials: credentials),
                console: console)
            session = made
            if let world = made.world { console.err(Banner.simulator(world.samples, forced: options.simulator)) }
            try await Interrupt.run(made.interruption) { try await body(made) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            session?.progress.finish()
            let report = ErrorReport(error, command: command, onSimulator: session?.onSimulator ?? false)
            if report.exitCode == .interrupted { console.err("") }
            console.err(options.json ? report.json() : report.text)
            throw ExitCode(report.exitCode.rawValue)
        }
    }
}

extension Session {
    /// `value`, or on the simulator the sample default; with a token and no value, a usage error that says what to
    /// pass.
    func required(_ value: String?, _ what: String, usage: String, sample: (SimulatorSamples) -> String) throws
        -> String
    {
        if let value { return value }
        if let world { return sample(world.samples) }
        throw ToolError.usage("Missing \(what) (defaults apply on the simulator only). Usage: \(usage)")
    }
}
