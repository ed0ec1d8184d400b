import ArgumentParser
import Foundation
import IModelsCLI
import IModelsClient

/// `imodels auth login|status|logout`: sign in once, and every command then uses the stored login.
struct AuthCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "auth",
        abstract: "Sign in (in the browser, or as a service app), show the stored login, or sign out.",
        discussion: """
            Logins are stored per environment in $XDG_CONFIG_HOME/imodels/<environment>.json (or \
            ~/.config/imodels/), mode 0600 in a folder of mode 0700; a file others can read is refused. The client \
            secret is never stored: a service token is renewed automatically only while \
            \(StoredLoginProvider.secretVariable) is set, else sign in again when it expires. A browser login keeps \
            its refresh token, and is refreshed within 10 minutes of expiry. Tokens are never printed.
            """,
        subcommands: [AuthLoginCommand.self, AuthStatusCommand.self, AuthLogoutCommand.self])
}

/// The options of the `auth` subcommands.
struct AuthOptions: ParsableArguments, Sendable {
    @Option(help: "The deployment: production, qa or dev.")
    var environment: EnvironmentArgument = .production

    /// The store, or a usage error when neither `XDG_CONFIG_HOME` nor `HOME` is set.
    func store() throws -> TokenStore {
        guard let store = TokenStore.standard() else {
            throw ToolError.usage("Set HOME or XDG_CONFIG_HOME: imodels keeps its logins under it.")
        }
        return store
    }
}

/// Runs an `auth` subcommand: Ctrl-C stops it as it stops the other commands (a browser sign-in stops listening;
/// exit code 130), and an error is printed (never a secret) and ends the tool with its exit code.
enum AuthRunner {
    static func run(json: Bool, _ body: @escaping @Sendable (Console) async throws -> Void) async throws {
        let console = Console(json: json)
        do {
            try await Interrupt.run(Protected(InterruptedError()), console: console) { try await body(console) }
        } catch {
            console.err("Error: \(error)")
            throw ExitCode(CLIExitCode(for: error).rawValue)
        }
    }
}
