import ArgumentParser
import Foundation
import IModelsCLI
import IModelsClient

/// `imodels auth login --client-id … --client-secret-file …`.
struct AuthLoginCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in as a service app (client credentials) and store the token.",
        discussion: """
            Register a Service app at developer.bentley.com (My Apps → Register New, with the iModels and \
            Transformations APIs), and give its secret with --client-secret-file <file> or \
            \(StoredLoginProvider.secretVariable) so that it stays out of the shell's history (--client-secret \
            works too). Interactive sign-in in a browser is not available yet.
            """)

    @Option(help: "The app's client id.")
    var clientId: String

    @Option(help: "The service app's secret (prefer --client-secret-file or IMODELS_CLIENT_SECRET).")
    var clientSecret: String?

    @Option(help: ArgumentHelp("A file that holds the service app's secret.", valueName: "file"))
    var clientSecretFile: String?

    @Option(help: "The scopes to ask for, space-separated (default: itwin-platform).")
    var scopes: String?

    @OptionGroup var options: AuthOptions

    func validate() throws {
        try TextOption.check(clientId, "--client-id")
        try TextOption.check(scopes, "--scopes")
    }

    func run() async throws {
        try await AuthRunner.run(json: false) { console in
            try await ServiceLogin.run(
                clientId: clientId, secretOption: clientSecret, secretFile: clientSecretFile, scopes: scopes,
                environment: options.environment.environment, store: try options.store(),
                variables: ProcessInfo.processInfo.environment, console: console)
        }
    }
}
