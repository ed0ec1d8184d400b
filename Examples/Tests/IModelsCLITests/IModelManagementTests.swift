import ArgumentParser
import Foundation
import IModelsCLI
import IModelsClient
import IModelsTesting
import Testing

@testable import imodels

/// `list`, `info`, `update`, `delete`, `permissions`, `versions`, and what `clone`/`fork` gained: `--named-version`,
/// `--copy-named-versions` and the permission preflight.
@Suite("iModel management and named versions")
struct IModelManagementTests {
    private static let bridge = "b71d0c2e-4f6a-4b8c-9d0e-1f2a3b4c5d6e"
    private static let sampleCopies = "8a3b5c7d-1e2f-4a6b-8c9d-0e1f2a3b4c5d"

    private func refusal(_ arguments: [String]) -> String? {
        do {
            _ = try IModelsCommand.parseAsRoot(arguments)
            return nil
        } catch {
            #expect(IModelsCommand.exitCode(for: error) == .validationFailure, "\(arguments)")
            return IModelsCommand.message(for: error)
        }
    }

    private func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    @Test(
        "bad input is refused before anything is sent, with what to do",
        arguments: [
            (["list", "--name", "Bridge", "--search", "Br"], "Give --name or --search, not both"),
            (["list", "--top", "0"], "--top must be ≥ 1 (got 0)."),
            (["list", "--state", "deleted"], "--state"),
            (["list", "--order-by", "name", "--order-by", "name-desc"], "at most once to --order-by"),
            (["list", "--search", " "], "--search must not be blank"),
            (["info", ""], "<imodel-id> must not be blank."),
            (["update"], "Give --name, --description or both"),
            (["update", "--name", ""], "--name must not be blank: omit --name to keep the iModel's name."),
            (["update", "--name", String(repeating: "n", count: 256)], "at most 255 characters"),
            (["delete", " "], "<imodel-id> must not be blank."),
            (["permissions", ""], "<imodel-id> must not be blank."),
            (["versions", "list", "--top", "-1"], "--top must be ≥ 1 (got -1)."),
            (["versions", "list", "--name", "a", "--search", "b"], "Give --name or --search, not both."),
            (["versions", "list", "--order-by", "name"], "--order-by"),
            (["versions", "create"], "--name"),
            (["versions", "create", "--name", ""], "--name must not be blank"),
            (["versions", "create", "--name", "v", "--changeset-id", ""], "omit it to name the baseline"),
            (["clone", "--named-version", ""], "--named-version must not be blank"),
            (["clone", "--named-version", "Release 1.0", "--baseline-only"], "at most one of"),
            (["fork", "--named-version", "Release 1.0", "--changeset-index", "3"], "--named-version"),
            (["clone", "--copy-named-versions", "--no-wait"], "cannot be combined with --no-wait"),
            (["fork", "--copy-named-versions", "--until", "initialized"], "drop --until initialized"),
        ])
    func refused(arguments: [String], message: String) throws {
        let refused = try #require(refusal(arguments), "\(arguments)")
        #expect(refused.contains(message), "\(refused)")
    }

    @Test("the same commands parse with good input")
    func parses() {
        for arguments in [
            ["list"], ["list", "x", "--state", "notInitialized", "--order-by", "name", "--order-by", "created-desc"],
            ["info", "x"], ["update", "x", "--description", ""], ["delete", "x", "--yes"], ["delete", "-y"],
            ["permissions"], ["versions", "list", "--order-by", "index-desc", "--search", "Release"],
            ["versions", "create", "--name", "v1", "--changeset-id", "abc"],
            ["clone", "--named-version", "Release 1.0", "--copy-named-versions"],
            ["fork", "--copy-named-versions", "--preserve-history"],
        ] {
            #expect(refusal(arguments) == nil, "\(arguments)")
        }
    }
}

// MARK: - Output

extension IModelManagementTests {
    private static let created = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("list: a table of name, id, state and date; the server's strings made terminal-safe; JSON in full")
    func listOutput() throws {
        let result = IModelList(
            iTwinId: "t-1",
            iModels: [
                IModel(id: "m-1", name: "Bridge\u{1B}]0;x", state: .initialized, createdDateTime: Self.created),
                IModel(id: "m-2", name: "Fork", state: .notInitialized),
            ])
        let lines = result.text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("NAME"))
        #expect(lines[1].contains("Bridge\\u{1B}]0;x") && lines[1].contains("2023-11-14 22:13:20 UTC"))
        #expect(lines[2].contains("notInitialized"))
        #expect(lines.last == "2 iModels in iTwin t-1")
        #expect(!result.text.contains("\u{1B}"))
        let json = try object(JSONOutput.string(result))
        #expect(json["iTwinId"] as? String == "t-1")
        #expect((json["iModels"] as? [[String: Any]])?.first?["state"] as? String == "initialized")
        #expect(IModelList(iTwinId: "t", iModels: []).text == "No iModels (iTwin t).")
    }

    @Test("permissions: yes or no for each documented permission, then the unknown ones")
    func permissionsOutput() throws {
        let result = PermissionList(
            iModelId: "m-1", permissions: [.read, .webView, IModelPermission(rawValue: "imodels_future")])
        #expect(result.permissions == ["imodels_future", "imodels_read", "imodels_webview"])
        let text = result.text
        #expect(text.contains("imodels_read     yes"))
        #expect(text.contains("imodels_manage   no"))
        #expect(text.contains("imodels_future   yes      (not known to this tool)"))
        let json = try object(JSONOutput.string(result))
        #expect(json["permissions"] as? [String] == ["imodels_future", "imodels_read", "imodels_webview"])
    }

    @Test("named versions: a table, the created one, and what a copy created and skipped")
    func namedVersionOutput() throws {
        let release = NamedVersion(
            id: "v-8", name: "Release 1.0", description: "Released", changesetId: "c8", changesetIndex: 8,
            createdDateTime: Self.created)
        let baseline = NamedVersion(id: "v-0", name: "Start", state: .hidden)
        let list = NamedVersionList(iModelId: "m-1", namedVersions: [baseline, release])
        #expect(list.text.contains("Release 1.0"))
        #expect(list.text.hasSuffix("2 named versions of iModel m-1"))
        let created = NamedVersionResult(iModelId: "m-1", namedVersion: release).text
        #expect(created.contains("changeset 8 (c8)"))
        #expect(NamedVersionResult(iModelId: "m-1", namedVersion: baseline).text.contains("the baseline"))

        let copy = NamedVersionsCopyResult(
            NamedVersionsCopy(
                sourceIModelId: "s", copyIModelId: "c", created: [release],
                skipped: [.init(namedVersion: baseline, reason: .alreadyPresent)]))
        #expect(copy.summary == "Copied 1 named version onto the copy; skipped 1.")
        let json = try object(JSONOutput.string(copy))
        #expect((json["skipped"] as? [[String: Any]])?.first?["reason"] as? String == "alreadyPresent")
        #expect((json["created"] as? [[String: Any]])?.first?["name"] as? String == "Release 1.0")
    }

    @Test("delete: the iModel's name and id")
    func deleteOutput() throws {
        let result = DeleteResult(iModelId: "m-1", name: "Old fork")
        #expect(result.text == "Deleted iModel \"Old fork\" (m-1).")
        let json = try object(JSONOutput.string(result))
        #expect(json["deleted"] as? Bool == true)
        #expect(json["name"] as? String == "Old fork")
    }
}

// MARK: - Hints

extension IModelManagementTests {
    @Test("hints: the permissions each new command needs, and the named versions' 404 and 409")
    func hints() {
        func hint(_ status: Int, _ code: String, _ command: CommandName) -> String? {
            let error = ITwinClientError.api(
                APIError(operation: "op", status: status, code: ErrorCode(rawValue: code), message: "m"))
            return Hints.hint(for: error, command: command, onSimulator: false)
        }
        #expect(hint(403, "InsufficientPermissions", .delete)?.contains("imodels_delete") == true)
        #expect(hint(403, "InsufficientPermissions", .update)?.contains("imodels_manage") == true)
        #expect(hint(403, "InsufficientPermissions", .versions)?.contains("imodels_write") == true)
        #expect(hint(403, "InsufficientPermissions", .list)?.contains("imodels_webview") == true)
        #expect(hint(404, "NamedVersionNotFound", .versions)?.contains("imodels versions list") == true)
        #expect(hint(409, "NamedVersionExists", .versions)?.contains("another --name") == true)
        #expect(hint(409, "NamedVersionOnChangesetExists", .versions)?.contains("at most one") == true)
    }
}

// MARK: - Confirmation

extension IModelManagementTests {
    @Test("delete's confirmation: only y or yes is yes; no terminal is a usage error that points to --yes")
    func confirmation() throws {
        let (console, written) = recordingConsole(terminal: false)
        for (answer, expected) in [("y", true), ("YES", true), (" yes ", true), ("n", false), ("", false)] {
            let confirmation = Confirmation(inputIsTerminal: { true }, readAnswer: { answer })
            #expect(confirmation.ask("Delete iModel A (m)? [y/N]", console: console) == expected, "\(answer)")
        }
        #expect(Confirmation(inputIsTerminal: { true }, readAnswer: { nil }).ask("?", console: console) == false)
        #expect(written.withLock { $0 }.first == "Delete iModel A (m)? [y/N]\n")
        try Confirmation(inputIsTerminal: { true }, readAnswer: { nil }).requireTerminal(toConfirm: "delete")
        let refusal = #expect(throws: ToolError.self) {
            try Confirmation(inputIsTerminal: { false }, readAnswer: { "y" }).requireTerminal(toConfirm: "delete it")
        }
        #expect(refusal?.exitCode == .usage)
        #expect(refusal?.description.contains("pass --yes") == true)
    }
}

// MARK: - Permission preflight

extension IModelManagementTests {
    /// A session on the tool's simulator, its output kept.
    private func session() async throws -> (Session, SimulatorWorld) {
        let (console, _) = recordingConsole(terminal: false)
        let session = try await Session(
            options: Session.Options(environment: .production, json: false, verbose: false, credentials: .simulator),
            console: console)
        return (session, try #require(session.world))
    }

    @Test("the preflight names the missing permission, ends like a 403 (exit code 3), and sends no clone")
    func preflightMissing() async throws {
        let (session, world) = try await session()
        world.simulator.setPermissions(
            [.webView, .read], for: world.sampleData.accessToken, in: world.samples.iTwinId)
        let error = await #expect(throws: ToolError.self) {
            try await session.requirePermissions([(.cloneSource, world.samples.bridgeIModelId)])
        }
        let message = try #require(error?.description)
        #expect(message.contains("clone needs imodels_manage on the source iModel \(Self.bridge)"))
        #expect(message.contains("the caller lacks imodels_manage"))
        let report = ErrorReport(try #require(error), command: .clone, onSimulator: true)
        #expect(report.exitCode == .api)
        #expect(report.kind == "permission")
        #expect(report.hint?.contains("imodels_manage in the source iModel's iTwin") == true)
        #expect(!world.simulator.requestLog.contains { $0.request.method == .post })
    }

    @Test("the preflight of import checks the target too, and passes with every permission")
    func preflightImport() async throws {
        let (session, world) = try await session()
        let samples = world.samples
        try await session.requirePermissions([
            (.transformationSource, samples.bridgeIModelId), (.transformationTarget, samples.importTargetIModelId),
        ])
        world.simulator.setPermissions(
            [.webView, .read], for: world.sampleData.accessToken, in: samples.targetITwinId)
        let error = await #expect(throws: ToolError.self) {
            try await session.requirePermissions([
                (.transformationSource, samples.bridgeIModelId),
                (.transformationTarget, samples.importTargetIModelId),
            ])
        }
        #expect(error?.description.contains("transformation needs imodels_write on the target iModel") == true)
    }
}

extension IModelManagementTests {
    @Test("run checks its configuration's source and target, named by the configuration's links")
    func preflightRun() async throws {
        let (session, world) = try await session()
        let samples = world.samples
        let configuration = try await session.client.transformations.configuration(samples.importConfigurationId)
        try await session.requirePermissions(toRun: configuration)
        world.simulator.setPermissions(
            [.webView, .read], for: world.sampleData.accessToken, in: samples.targetITwinId)
        world.simulator.clearRequestLog()
        let error = await #expect(throws: ToolError.self) { try await session.requirePermissions(toRun: configuration) }
        #expect(
            error?.description.contains("imodels_write on the target iModel \(samples.importTargetIModelId)") == true)
        #expect(!world.simulator.requestLog.contains { $0.request.method == .post })
    }

    @Test("fork --populate-federation-guids also checks imodels_read and imodels_write on the main iModel")
    func preflightPopulation() async throws {
        let (session, world) = try await session()
        world.simulator.setPermissions(
            [.webView, .read, .manage], for: world.sampleData.accessToken, in: world.samples.iTwinId)
        let main = world.samples.legacyPlantIModelId
        try await session.requirePermissions([(.forkSource, main)])
        let error = await #expect(throws: ToolError.self) {
            try await session.requirePermissions([(.forkSource, main), (ForkCommand.populationPreflight, main)])
        }
        #expect(error?.description.contains("fork --populate-federation-guids needs") == true)
        #expect(error?.description.hasSuffix("the caller lacks imodels_write.") == true)
    }
}
