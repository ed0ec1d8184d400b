import Foundation
import IModelsCLI
import Testing

@Suite("Token command and credentials")
struct TokenCommandTests {
    @Test("the token is the command's trimmed standard output")
    func trimmed() async throws {
        #expect(try await TokenCommand.read("printf '  eyJ.token.sig \\n\\n'") == "eyJ.token.sig")
    }

    @Test("a leading Bearer is dropped")
    func bearer() async throws {
        #expect(try await TokenCommand.read("echo 'Bearer abc.def'") == "abc.def")
        #expect(TokenCommand.token(fromOutput: "bearer  xyz\n") == "xyz")
    }

    @Test("a command runs through /bin/sh -c, so pipes and variables work")
    func shell() async throws {
        #expect(try await TokenCommand.read("X=from-a-pipe; echo \"$X\" | tr a-z A-Z") == "FROM-A-PIPE")
    }

    @Test("a failing command is an error that names its exit status")
    func failing() async {
        await #expect(throws: ToolError.tokenCommandFailed(command: "exit 3", reason: "exit status 3")) {
            try await TokenCommand.read("exit 3")
        }
    }

    @Test("a command that prints nothing is an error")
    func empty() async {
        await #expect(throws: ToolError.tokenCommandPrintedNothing(command: "printf ' \\n'")) {
            try await TokenCommand.read("printf ' \\n'")
        }
    }

    @Test("the provider keeps the token, and runs the command again when asked for a fresh one")
    func refresh() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("imodels-tokens-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        let provider = TokenCommand("echo x >> '\(file.path)'; echo token-$(wc -l < '\(file.path)' | tr -d ' ')")
        #expect(try await provider.accessToken(forceRefresh: false) == "token-1")
        #expect(try await provider.accessToken(forceRefresh: false) == "token-1")
        #expect(try await provider.accessToken(forceRefresh: true) == "token-2")
        #expect(!String(describing: provider).contains("token-2"))
    }

    @Test("credentials: --simulator, then --token-command, then ITWIN_ACCESS_TOKEN, else the simulator")
    func precedence() async throws {
        let environment = ["ITWIN_ACCESS_TOKEN": "  from-env \n"]
        guard
            case .simulator = try await Credentials.resolve(
                tokenCommand: "echo cmd", forceSimulator: true, environment: environment)
        else {
            Issue.record("--simulator should win")
            return
        }
        let command = try await Credentials.resolve(
            tokenCommand: "echo from-command", forceSimulator: false, environment: environment)
        #expect(try await command.tokenProvider?.accessToken(forceRefresh: false) == "from-command")
        let variable = try await Credentials.resolve(tokenCommand: nil, forceSimulator: false, environment: environment)
        #expect(try await variable.tokenProvider?.accessToken(forceRefresh: false) == "from-env")
        #expect(!String(describing: variable).contains("from-env"))
        let blank = try await Credentials.resolve(
            tokenCommand: nil, forceSimulator: false, environment: ["ITWIN_ACCESS_TOKEN": "  "])
        #expect(blank.tokenProvider == nil)
    }
}
