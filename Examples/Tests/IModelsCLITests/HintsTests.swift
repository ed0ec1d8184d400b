import Foundation
import IModelsCLI
import IModelsClient
import IModelsTesting
import IModelsTestingTraits
import Testing

@Suite("Error reports and hints")
struct HintsTests {
    private func api(_ status: Int, _ code: ErrorCode? = nil, retryAfter: Duration? = nil, tier: String? = nil)
        -> ITwinClientError
    {
        .api(
            APIError(
                operation: "cloneIModel", status: status, code: code, message: "The message.",
                retryAfter: retryAfter, rateLimit: tier.map { RateLimitInfo(tier: $0) }, correlationId: "corr-1"))
    }

    @Test("401 points at the token")
    func unauthorized() throws {
        let hint = try #require(Hints.hint(for: api(401, .unauthorized), command: .status, onSimulator: false))
        #expect(hint.contains("ITWIN_ACCESS_TOKEN"))
        #expect(hint.contains("--token-command"))
    }

    @Test("403 names the permissions of what the command does")
    func forbidden() throws {
        let clone = try #require(Hints.hint(for: api(403), command: .clone, onSimulator: false))
        #expect(clone.contains("imodels_manage"))
        #expect(clone.contains("source") && clone.contains("target"))
        for command in [CommandName.import, .run, .transformation] {
            let hint = try #require(Hints.hint(for: api(403), command: command, onSimulator: false))
            #expect(hint.contains("imodels_read") && hint.contains("imodels_write"))
        }
        let status = try #require(Hints.hint(for: api(403), command: .status, onSimulator: false))
        #expect(status.contains("imodels_webview"))
    }

    @Test("429 says when to retry")
    func rateLimited() throws {
        let later = try #require(
            Hints.hint(
                for: api(429, .rateLimitExceeded, retryAfter: .seconds(150), tier: "Trial"), command: .clone,
                onSimulator: false))
        #expect(later.contains("Trial"))
        #expect(later.contains("2 min 30 s"))
        #expect(later.contains("5 per minute"))
        let unknown = try #require(Hints.hint(for: api(429), command: .status, onSimulator: false))
        #expect(unknown.contains("in a minute"))
        #expect(!unknown.contains("Clone and fork"))
    }

    @Test("a fork of a main iModel without FederationGuids suggests --populate-federation-guids")
    func missingFederationGuids() throws {
        let error = ITwinClientError.creationFailed(iModelId: "fork-1", state: .mainIModelIsMissingFederationGuids)
        for onSimulator in [false, true] {
            let hint = try #require(Hints.hint(for: error, command: .fork, onSimulator: onSimulator))
            #expect(hint.contains("--populate-federation-guids"))
        }
        let real = try #require(Hints.hint(for: error, command: .fork, onSimulator: false))
        #expect(real.contains("fork-1"))
    }

    @Test("a 404 on the simulator explains that it starts fresh; a missing changeset points at `changesets`")
    func notFound() throws {
        let simulator = try #require(Hints.hint(for: api(404, .iModelNotFound), command: .status, onSimulator: true))
        #expect(simulator.contains("fresh"))
        let real = try #require(Hints.hint(for: api(404, .iModelNotFound), command: .status, onSimulator: false))
        #expect(real.contains("--environment"))
        let changeset = try #require(
            Hints.hint(for: api(404, .changesetNotFound), command: .clone, onSimulator: true))
        #expect(changeset.contains("imodels changesets"))
    }

    @Test("conflicts, timeouts and interrupts")
    func others() throws {
        let exists = try #require(Hints.hint(for: api(409, .iModelExists), command: .clone, onSimulator: false))
        #expect(exists.contains("--name"))
        let busy = try #require(
            Hints.hint(for: api(409, "TransformationInProgress"), command: .run, onSimulator: false))
        #expect(busy.contains("--queue"))
        let timedOut = try #require(
            Hints.hint(
                for: ITwinClientError.timedOut(operation: "waitUntilCreated", resourceId: "m-1", lastState: nil),
                command: .wait, onSimulator: false))
        #expect(timedOut.contains("imodels status m-1"))
        let interrupted = try #require(
            Hints.hint(
                for: InterruptedError(waitingFor: "x", checkCommand: "imodels transformation r-1"), command: .run,
                onSimulator: false))
        #expect(interrupted.contains("goes on") && interrupted.contains("imodels transformation r-1"))
    }

    @Test("the report keeps the API's code and message, and prints error and hint lines")
    func report() {
        let report = ErrorReport(api(403, .insufficientPermissions), command: .clone, onSimulator: false)
        #expect(report.exitCode == .api)
        #expect(report.kind == "api")
        #expect(report.status == 403)
        #expect(report.code == "InsufficientPermissions")
        #expect(report.apiMessage == "The message.")
        #expect(report.correlationId == "corr-1")
        let lines = report.text.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("error: cloneIModel: HTTP 403 InsufficientPermissions: The message.") == true)
        #expect(lines.last?.hasPrefix("hint: Cloning needs imodels_manage") == true)
    }

    @Test("a 403 from the simulator, end to end, gets the clone hint")
    func forbiddenOnTheSimulator() async throws {
        let simulator = IModelsSimulator()
        let sample = simulator.addSampleData()
        simulator.setPermissions([.webView], for: sample.accessToken, in: sample.targetITwinId)
        let client = ITwinClient(accessToken: { sample.accessToken }, transport: simulator)
        let error = await #expect(throws: ITwinClientError.self) {
            try await client.iModels.clone(sample.bridgeIModelId, into: sample.targetITwinId)
        }
        let report = ErrorReport(try #require(error), command: .clone, onSimulator: true)
        #expect(report.status == 403)
        #expect(report.exitCode == .api)
        #expect(report.hint?.contains("imodels_manage") == true)
    }
}

@Suite("What --no-wait says")
struct FollowUpTests {
    @Test("with a token: follow it with `imodels wait` or `imodels transformation --wait`")
    func real() {
        #expect(
            FollowUp.accepted(kind: "clone", iModelId: "m-1", onSimulator: false)
                == "Accepted: the clone is iModel m-1. Follow it with `imodels wait m-1`.")
        #expect(
            FollowUp.started(runId: "r-1", onSimulator: false)
                == "Started run r-1. Follow it with `imodels transformation r-1 --wait`.")
    }

    @Test("on the simulator: the id lives only in this process; run without --no-wait instead")
    func simulator() {
        for text in [
            FollowUp.accepted(kind: "fork", iModelId: "m-1", onSimulator: true),
            FollowUp.started(runId: "r-1", onSimulator: true),
        ] {
            #expect(text.contains("only in this process"))
            #expect(text.contains("without --no-wait"))
            #expect(!text.contains("Follow it with"))
        }
    }

    @Test("end to end: clone --no-wait and run --no-wait on the simulator do not suggest a command that would 404")
    func endToEnd() async throws {
        for arguments in ["clone --no-wait", "run --no-wait", "import --no-wait"] {
            let outcome = try await ToolProcess.run(#""$IMODELS" \#(arguments)"#)
            #expect(outcome.status == 0)
            #expect(outcome.standardOutput.contains("only in this process"), "\(arguments)")
            #expect(!outcome.standardOutput.contains("Follow it with"), "\(arguments)")
        }
    }
}

@Suite("The hint of a 404 on the simulator", .verifiesStubTransports)
struct SimulatorNotFoundTests {
    private let notFound = ITwinClientError.api(
        APIError(operation: "createImportIModelConfiguration", status: 404, code: .iModelNotFound))

    private func hint(_ ids: CommandIds, _ samples: SimulatorSamples) -> String? {
        Hints.hint(for: notFound, command: .import, onSimulator: true, samples: samples, ids: ids)
    }

    @Test("sample ids with the iTwin of another iModel: the iModel is not in that iTwin")
    func misplaced() async throws {
        let samples = try await SimulatorWorld.make().samples
        var ids = CommandIds()
        ids.add([samples.bridgeIModelId, samples.importTargetIModelId])
        ids.placements.append(
            CommandIds.Placement(
                iModelId: samples.importTargetIModelId, iTwinId: samples.iTwinId, option: "--target-project"))
        let text = try #require(hint(ids, samples))
        #expect(text.contains("\"Import target\""))
        #expect(text.contains("is in the iTwin \"Sample Copies\", not in \"Sample Bridges\""))
        #expect(text.contains("given with --target-project"))
        #expect(text.contains(samples.targetITwinId))
        #expect(!text.contains("earlier command are gone"))
    }

    @Test("only sample ids, none misplaced: not an earlier command's id, so check their kinds")
    func sampleIds() async throws {
        let samples = try await SimulatorWorld.make().samples
        let text = try #require(hint(CommandIds(ids: [samples.targetITwinId]), samples))
        #expect(text.contains("Every id given is a sample id"))
        #expect(!text.contains("are gone"))
    }

    @Test("an id that is not a sample id: it is gone with the earlier command, and the hint names it")
    func unknownId() async throws {
        let samples = try await SimulatorWorld.make().samples
        let text = try #require(hint(CommandIds(ids: [samples.bridgeIModelId, "dc3320bb-unknown"]), samples))
        #expect(text.contains("ids printed by an earlier command are gone"))
        #expect(text.contains("`dc3320bb-unknown` is not a sample id"))
    }

    @Test("end to end: import --target-project <Sample Bridges> says the iModel is not in that iTwin")
    func endToEnd() async throws {
        let outcome = try await ToolProcess.run(
            #""$IMODELS" import --json --target-project 5f1c2e7a-0b3d-4c8e-9a61-2d4f6b8c0e12"#)
        #expect(outcome.status == 3)
        #expect(outcome.standardError.contains("\"Import target\""))
        #expect(outcome.standardError.contains("given with --target-project"))
        #expect(!outcome.standardError.contains("printed by an earlier command"))
    }

    @Test("follow-up hints shell-quote ids that are not plain, and leave plain ids as they are")
    func followUpsQuoteIds() {
        let hostile = "$(touch pwned); echo ok"
        #expect(
            FollowUp.accepted(kind: "clone", iModelId: hostile, onSimulator: false)
                .contains("`imodels wait '$(touch pwned); echo ok'`"))
        #expect(
            FollowUp.started(runId: "a'b", onSimulator: false).contains(#"`imodels transformation 'a'\''b' --wait`"#))
        #expect(
            FollowUp.accepted(kind: "clone", iModelId: "abc-123", onSimulator: false).contains("`imodels wait abc-123`")
        )
        #expect(ShellWord.quoted("") == "''")
        #expect(ShellWord.quoted("3c2e9a1b-0f0e-4c1b-9a7d-2f1e8c9b7a6d") == "3c2e9a1b-0f0e-4c1b-9a7d-2f1e8c9b7a6d")
        #expect(ShellWord.quoted("a b") == "'a b'")
    }

    @Test("hints that name a command shell-quote the id in it")
    func hintsQuoteIds() throws {
        let hostile = "x`reboot`"
        let timedOut = try #require(
            Hints.hint(
                for: ITwinClientError.timedOut(operation: "waitUntilCreated", resourceId: hostile, lastState: nil),
                command: .wait, onSimulator: false))
        #expect(timedOut.contains("`imodels status 'x`reboot`'`"))
        let aborted = try #require(
            Hints.hint(
                for: ITwinClientError.transformationFailed(Transformation(id: hostile, status: .aborted)),
                command: .transformation, onSimulator: false))
        #expect(aborted.contains("imodels transformation 'x`reboot`' --cancel"))
        let interrupted = try #require(
            Hints.hint(
                for: InterruptedError(waitingFor: "x", checkCommand: ShellWord.command("imodels", "status", hostile)),
                command: .wait, onSimulator: false))
        #expect(interrupted.contains("imodels status 'x`reboot`'"))
    }

    @Test("an escaped echo of the token stays out of error reports, as text and as JSON")
    func escapedTokenEcho() async throws {
        let token = "abc/DEF+ghi/jkl+mno/pqr="
        let stub = StubTransport()
        let body =
            #"{"error":{"code":"InvalidToken","message":"Invalid token: Bearer abc\/DEF\u002Bghi\/jkl+mno\/pqr="}}"#
        stub.enqueue(.get, "/imodels/m-1", status: 401, json: body)
        stub.enqueue(.get, "/imodels/m-1", status: 401, json: body)
        let client = ITwinClient(
            configuration: Configuration(environment: .custom(URL(string: "https://api.example.test")!)),
            accessToken: { token }, transport: stub)
        do {
            _ = try await client.iModels.iModel("m-1")
            Issue.record("expected a 401")
        } catch {
            let report = ErrorReport(error, command: .status, onSimulator: false)
            for text in [report.text, report.json()] {
                #expect(!text.contains(token) && !text.contains("ghi"), "token leaked: \(text)")
            }
        }
    }
}
