import ArgumentParser
import Foundation
import IModelsCLI
import Testing

@testable import imodels

/// The command line as ArgumentParser reads it: what is refused (exit code 2), and with which message.
@Suite("Arguments and options")
struct ArgumentTests {
    /// The message of the usage error `arguments` give, or `nil` when they parse.
    private func refusal(_ arguments: [String]) -> String? {
        do {
            _ = try IModelsCommand.parseAsRoot(arguments)
            return nil
        } catch {
            #expect(IModelsCommand.exitCode(for: error) == .validationFailure, "\(arguments)")
            return IModelsCommand.message(for: error)
        }
    }

    @Test(
        "a huge --timeout is a usage error, not a crash",
        arguments: ["99999999999999999999", "1e18", "100000000000000h", "9223372036854775"])
    func hugeTimeout(text: String) throws {
        let message = try #require(refusal(["wait", "--timeout", text]))
        #expect(message.contains("at most 720h"))
        let outcome = try ToolProcess.run(#""$IMODELS" wait --timeout \#(text)"#)
        #expect(outcome.exited)
        #expect(outcome.status == 2)
    }
}
