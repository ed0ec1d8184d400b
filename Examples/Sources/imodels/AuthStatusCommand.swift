import ArgumentParser
import Foundation
import IModelsCLI
import IModelsClient

/// `imodels auth status [--json]`.
struct AuthStatusCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the stored login: which app, service or user, environment, expiry (never the token).")

    @Flag(help: "Print the status as JSON.")
    var json = false

    @OptionGroup var options: AuthOptions

    func run() async throws {
        try await AuthRunner.run(json: json) { console in
            let variables = ProcessInfo.processInfo.environment
            let status = try AuthStatus(
                store: try options.store(), environment: options.environment.rawValue,
                secretAvailable: !(variables[StoredLoginProvider.secretVariable] ?? "").isEmpty)
            console.out(json ? JSONOutput.string(status) : status.text)
        }
    }
}
