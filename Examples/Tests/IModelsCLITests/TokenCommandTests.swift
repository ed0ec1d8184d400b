import Foundation
import IModelsCLI
import IModelsClient
import IModelsTesting
import IModelsTestingTraits
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

    @Test(
        "ITWIN_ACCESS_TOKEN=\"Bearer \" (nothing after the scheme) counts as no token",
        arguments: ["Bearer ", "bearer", " BEARER \n"])
    func bearerAlone(value: String) async throws {
        #expect(TokenCommand.token(fromOutput: value) == "")
        let credentials = try await Credentials.resolve(
            tokenCommand: nil, forceSimulator: false, environment: ["ITWIN_ACCESS_TOKEN": value])
        #expect(credentials.tokenProvider == nil)
        #expect(TokenCommand.token(fromOutput: "Bearerish") == "Bearerish")
    }

    @Test("--token-command \"\" is a usage error (exit code 2)", arguments: ["", "  "])
    func blankCommand(command: String) async {
        let error = await #expect(throws: ToolError.self) {
            try await Credentials.resolve(tokenCommand: command, forceSimulator: false, environment: [:])
        }
        #expect(error?.exitCode == .usage)
        #expect(error.map(String.init(describing:))?.contains("--token-command must not be blank") == true)
    }
}

/// What a token command may print, see and show.
@Suite("Token command output and environment", .verifiesStubTransports)
struct TokenCommandHardeningTests {
    @Test("output of more than one line, or with a control character, is refused without quoting it")
    func multiLine() async throws {
        for command in ["printf 'line-one\\nline-two\\n'", "printf 'line-one\\r\\nline-two'", "printf 'line\\033one'"] {
            let error = await #expect(throws: ToolError.self) { try await TokenCommand.read(command) }
            guard case .tokenCommandFailed(_, let reason)? = error else {
                Issue.record("expected tokenCommandFailed, got \(String(describing: error))")
                continue
            }
            #expect(!reason.contains("line-") && !reason.contains("\u{1B}"), "the output is quoted: \(reason)")
        }
    }

    @Test("output past 64 KiB is refused")
    func outputLimit() async throws {
        let command = "head -c 200000 /dev/zero | tr '\\0' a"
        let error = await #expect(throws: ToolError.self) { try await TokenCommand.read(command) }
        guard case .tokenCommandFailed(_, let reason)? = error else {
            Issue.record("expected tokenCommandFailed, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("64 KiB"))
    }

    @Test("a command that never stops printing is stopped once its output passes the limit, not at the timeout")
    func endlessOutput() async throws {
        let started = ContinuousClock.now
        let error = await #expect(throws: ToolError.self) { try await TokenCommand.read("yes", timeout: .seconds(50)) }
        guard case .tokenCommandFailed(_, let reason)? = error else {
            Issue.record("expected tokenCommandFailed, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("64 KiB"))
        #expect(ContinuousClock.now - started < .seconds(30), "a generous ceiling, well below the 50 s timeout")
    }

    @Test("the command does not inherit ITWIN_ACCESS_TOKEN")
    func environment() async throws {
        var environment = ProcessInfo.processInfo.environment
        environment[Credentials.environmentVariable] = "inherited-secret"
        environment["OTHER_VARIABLE"] = "kept"
        let command = "printf '%s/%s' \"${ITWIN_ACCESS_TOKEN:-not-inherited}\" \"$OTHER_VARIABLE\""
        #expect(try await TokenCommand.read(command, environment: environment) == "not-inherited/kept")
        let provider = TokenCommand(command, environment: environment)
        #expect(try await provider.accessToken(forceRefresh: false) == "not-inherited/kept")
    }

    @Test("dump() of a token command, and of a client that uses it, never shows the token it read")
    func dump() async throws {
        // The command's text is shown (it is not secret); the token it prints is not.
        let provider = TokenCommand("echo dumped-token-$((40000 + 2))")
        #expect(try await provider.accessToken(forceRefresh: false) == "dumped-token-40002")
        let client = ITwinClient(
            configuration: Configuration(), tokenProvider: provider, transport: StubTransport())
        for value in [provider, client] as [Any] {
            var text = ""
            Swift.dump(value, to: &text)
            for shown in [text, String(describing: value), String(reflecting: value)] {
                #expect(!shown.contains("dumped-token-40002"), "token shown: \(shown)")
            }
        }
    }
}

/// Token commands that take too long, or are interrupted: they are stopped with everything they started.
@Suite("Slow token commands")
struct SlowTokenCommandTests {
    /// A file for a command to write the id of the process it leaves running.
    private func pidFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("imodels-token-pid-\(UUID().uuidString)")
    }

    /// The pid the command wrote, once it wrote it (a generous 60 s for a busy machine to start the command).
    private func pid(in file: URL) async throws -> Int32 {
        for _ in 0..<1200 {
            if let text = try? String(contentsOf: file, encoding: .utf8),
                let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                return pid
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CancellationError()
    }

    /// Whether `pid` is a live process (not gone, nor a zombie).
    private func isAlive(_ pid: Int32) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ps -o stat= -p \(pid)"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let state = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let trimmed = state.trimmingCharacters(in: .whitespacesAndNewlines)
        return !trimmed.isEmpty && !trimmed.hasPrefix("Z")
    }

    /// Whether `pid` is gone (or a zombie) within a generous 30 s: a killed process ends at once, but a busy machine
    /// may take a moment to run its exit. A process that was not killed lives far longer (see ``slowCommand(_:)``).
    private func isGone(_ pid: Int32) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(30)
        while try isAlive(pid) {
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(50))
        }
        return true
    }

    /// `sleep 120` started in the background by the command (in its process group), its pid written to `file`: it
    /// runs far longer than the tests' generous ceilings, so a command that is not stopped fails them however busy
    /// the machine is.
    private func slowCommand(_ file: URL) -> String {
        "sleep 120 & echo $! > '\(file.path)'; echo started >&2; wait; echo never-printed"
    }

    @Test("a command that runs past its timeout is stopped, with what it started, and the tool says so")
    func timeout() async throws {
        let file = pidFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let started = ContinuousClock.now
        let command = slowCommand(file)
        await #expect(throws: ToolError.tokenCommandTimedOut(command: command, after: .milliseconds(500))) {
            try await TokenCommand.read(command, timeout: .milliseconds(500))
        }
        #expect(ContinuousClock.now - started < .seconds(30), "a generous ceiling, well below the command's 120 s")
        #expect(try await isGone(try await pid(in: file)))
        #expect(CLIExitCode(for: ToolError.tokenCommandTimedOut(command: "x", after: .seconds(60))) == .general)
        #expect(
            ToolError.tokenCommandTimedOut(command: "x", after: .seconds(60)).description
                == "The token command did not finish within 60 s and was stopped: x")
    }

    @Test("cancelling the task, as Ctrl-C does, stops the command at once, with what it started")
    func cancel() async throws {
        let file = pidFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let command = slowCommand(file)
        let task = Task { try await TokenCommand.read(command) }
        let sleeper = try await pid(in: file)
        #expect(try isAlive(sleeper))
        let started = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(ContinuousClock.now - started < .seconds(30), "a generous ceiling, well below the command's 120 s")
        #expect(try await isGone(sleeper))
    }

    @Test("end to end: Ctrl-C during the token command ends with 130 and \"Interrupted\", the command stopped")
    func interrupted() async throws {
        let file = pidFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try await ToolProcess.run(
            ["status", "--token-command", slowCommand(file)], interruptOn: "started")
        #expect(outcome.status == 130)
        #expect(outcome.standardError.contains("Interrupted: stopped waiting for the token command"))
        #expect(outcome.standardError.contains("Nothing was sent to the service."))
        let text = try String(contentsOf: file, encoding: .utf8)
        let sleeper = try #require(Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(try await isGone(sleeper))
    }
}
