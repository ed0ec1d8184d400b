import ArgumentParser
import Foundation
import IModelsCLI
import IModelsClient

/// `imodels auth logout`.
struct AuthLogoutCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "logout", abstract: "Delete the stored login of the environment.")

    @OptionGroup var options: AuthOptions

    func run() async throws {
        try await AuthRunner.run(json: false) { console in
            let store = try options.store()
            let name = options.environment.rawValue
            let deleted = try store.delete(name)
            console.out(
                deleted
                    ? "Signed out of \(name): deleted \(store.file(for: name).path)."
                    : "Not signed in to \(name): nothing to delete.")
        }
    }
}
