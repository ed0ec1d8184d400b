import ArgumentParser
import IModelsCLI
import IModelsClient

/// Runs a subcommand's body in a session: resolves the token (or starts the simulator and says so), lets Ctrl-C
/// stop it (the token command too), and turns an error into its message, hint and exit code.
enum CommandRunner {
    static func run(
        _ command: CommandName, _ options: GlobalOptions, _ body: @escaping @Sendable (Session) async throws -> Void
    ) async throws {
        let console = Console(json: options.json)
        if let failure = console.failure(of: .standardOutput) {
            // Found closed at the start: stop before anything is sent, rather than start work whose id cannot be
            // printed.
            throw writeFailed(failure, console: console, stoppedWaitingFor: nil)
        }
        let interruption = Protected(InterruptedError())
        let made = Protected<Session?>(nil)
        do {
            try await Interrupt.run(interruption, console: console) {
                if options.tokenCommand != nil && !options.simulator {
                    interruption.withLock { $0 = .tokenCommand }
                }
                let credentials = try await Credentials.resolve(
                    tokenCommand: options.tokenCommand, forceSimulator: options.simulator,
                    store: TokenStore.standard(), iTwinEnvironment: options.environment.environment)
                interruption.withLock { $0 = InterruptedError() }
                let session = try await Session(
                    options: Session.Options(
                        environment: options.environment.environment, json: options.json, verbose: options.verbose,
                        credentials: credentials),
                    console: console, interruption: interruption)
                made.withLock { $0 = session }
                if let world = session.world {
                    console.err(Banner.simulator(world.samples, forced: options.simulator))
                }
                try await body(session)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            let session = made.withLock { $0 }
            session?.progress.finish()
            if let failure = console.failure(of: .standardOutput) {
                throw writeFailed(
                    failure, console: console, stoppedWaitingFor: interruption.withLock { $0.waitingFor })
            }
            let report = ErrorReport(
                error, command: command, onSimulator: session?.onSimulator ?? false, samples: session?.world?.samples,
                ids: session?.ids.withLock { $0 } ?? CommandIds())
            if report.exitCode == .interrupted { console.err("") }
            console.err(options.json ? report.json() : report.text)
            throw ExitCode(report.exitCode.rawValue)
        }
        if let failure = console.failure { throw writeFailed(failure, console: console, stoppedWaitingFor: nil) }
    }

    /// Says on standard error (when it can) that output could not be written, in one line, and gives exit code 1.
    /// A failed standard output stops the command (see ``Interrupt``); a failed standard error only ends it with 1.
    private static func writeFailed(_ failure: Console.WriteFailure, console: Console, stoppedWaitingFor: String?)
        -> ExitCode
    {
        if console.isWritable(.standardError) {
            console.clearProgress()
            console.err(failure.message(stoppedWaitingFor: stoppedWaitingFor))
        }
        return ExitCode(CLIExitCode.general.rawValue)
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
