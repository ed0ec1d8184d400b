import ArgumentParser
import Foundation
import IModelsCLI

/// `imodels`: clone, fork and follow iModels, and import them into each other with the Transformations API.
@main
struct IModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imodels",
        abstract:
            "Clone, fork and follow iModels, and import them into each other (iTwin iModels and Transformations APIs).",
        discussion: """
            Authentication, in this order: --token-command "<command>" whose output is the token (it runs again \
            after a 401), ITWIN_ACCESS_TOKEN, the login stored by `imodels auth login` for the --environment. A \
            token is never accepted on the command line. With none of them, imodels \
            runs against a built-in simulator seeded with sample iTwins and iModels, where every subcommand works \
            end to end in seconds: try `imodels demo`. The simulator starts fresh for every command, so ids created \
            by one command are gone in the next; the sample ids it prints are the same every time.

            Waiting: clone, fork, import and run wait until done, with progress (one updating line on a terminal, \
            plain lines otherwise). Ctrl-C stops waiting; the server's work goes on. --no-wait returns at once.

            Exit codes:
            \(CLIExitCode.table)
            """,
        version: "0.1.0",
        subcommands: [
            CloneCommand.self, ForkCommand.self, StatusCommand.self, WaitCommand.self, ChangesetsCommand.self,
            ImportCommand.self, RunCommand.self, TransformationCommand.self, TransformCommand.self,
            ReportCommand.self, TransformationsCommand.self, DemoCommand.self,
            AuthCommand.self,
            ListCommand.self, InfoCommand.self, UpdateCommand.self, DeleteCommand.self, PermissionsCommand.self,
            VersionsCommand.self,
        ]
    )

    /// Parses and runs like ArgumentParser's `main()`, but ends a usage error with exit code 2 (ArgumentParser's
    /// own is 64, `EX_USAGE`), so that all the tool's codes are the small ones documented above.
    ///
    /// Standard output or error closed at the start is found first (and `/dev/null` opened on its descriptor), so a
    /// command that could not print its result fails before it sends anything.
    static func main() async {
        StandardStreams.reserveClosed()
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                StandardStreams.writeErrorLine(fullMessage(for: error))
                Foundation.exit(CLIExitCode.usage.rawValue)
            }
            exit(withError: error)
        }
    }
}
