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
    func hugeTimeout(text: String) async throws {
        let message = try #require(refusal(["wait", "--timeout", text]))
        #expect(message.contains("at most 720h"))
        let outcome = try await ToolProcess.run(#""$IMODELS" wait --timeout \#(text)"#)
        #expect(outcome.exited)
        #expect(outcome.status == 2)
    }
}

extension ArgumentTests {
    @Test(
        "negative numbers are read as values and refused with what is allowed",
        arguments: [
            (["clone", "--changeset-index", "-1"], "--changeset-index must be ≥ 0 (got -1)."),
            (["fork", "--changeset-index", "-1"], "--changeset-index must be ≥ 0 (got -1)."),
            (["demo", "--changeset-index", "-3"], "--changeset-index must be ≥ 0 (got -3)."),
            (["changesets", "--top", "-2"], "--top must be ≥ 1 (got -2)."),
            (["changesets", "--top", "0"], "--top must be ≥ 1 (got 0)."),
            (["changesets", "--after-index", "-1"], "--after-index must be ≥ 0 (got -1)."),
            (["changesets", "--last-index", "-1"], "--last-index must be ≥ 0 (got -1)."),
            (["wait", "--timeout", "-5"], "must be more than 0"),
            (["run", "--timeout", "-5"], "must be more than 0"),
            (["transformation", "--wait", "--timeout", "-5"], "must be more than 0"),
        ])
    func negativeNumbers(arguments: [String], message: String) throws {
        let refused = try #require(refusal(arguments))
        #expect(refused.contains(message), "\(refused)")
        #expect(!refused.contains("Missing value"))
    }

    @Test("numbers in range still parse, in both spellings")
    func numbersInRange() throws {
        #expect(refusal(["clone", "--changeset-index", "0"]) == nil)
        #expect(refusal(["clone", "--changeset-index=4"]) == nil)
        #expect(refusal(["changesets", "--top", "3", "--after-index", "1"]) == nil)
    }
}

extension ArgumentTests {
    @Test(
        "options that make no sense together are usage errors that say so",
        arguments: [
            (["clone", "--no-wait", "--until", "initialized"], "--until has no effect"),
            (["clone", "--no-wait", "--timeout", "5m"], "--timeout has no effect"),
            (["fork", "--no-wait", "--until", "completed"], "--until has no effect"),
            (["fork", "--no-wait", "--timeout", "5m"], "--timeout has no effect"),
            (["import", "--no-wait", "--timeout", "5m"], "--timeout has no effect"),
            (["run", "--no-wait", "--timeout", "5m"], "--timeout has no effect"),
            (["transformation", "--timeout", "5m"], "--timeout applies to --wait only"),
            (["transformation", "--cancel", "--timeout", "5m"], "--cancel does not wait"),
            (["transformation", "--cancel", "--wait"], "Give --cancel or --wait, not both."),
            (["changesets", "--after-index", "5", "--last-index", "5"], "select no changesets"),
            (["changesets", "--after-index", "7", "--last-index", "3"], "select no changesets"),
            // Refused before, and still.
            (["fork", "--populate-federation-guids", "--no-wait"], "--no-wait"),
            (["fork", "--populate-federation-guids", "--until", "initialized"], "--until initialized"),
            (["clone", "--changeset-index", "3", "--baseline-only"], "at most one of"),
        ])
    func conflicts(arguments: [String], message: String) throws {
        let refused = try #require(refusal(arguments), "\(arguments)")
        #expect(refused.contains(message), "\(refused)")
    }

    @Test("the same options on their own, or with what they apply to, still parse")
    func noConflicts() {
        for arguments in [
            ["clone", "--no-wait"], ["clone", "--until", "initialized", "--timeout", "5m"], ["fork", "--no-wait"],
            ["import", "--no-wait"], ["import", "--timeout", "5m"], ["run", "--no-wait", "--queue"],
            ["transformation", "--wait", "--timeout", "5m"], ["transformation", "--cancel"],
            ["changesets", "--after-index", "4", "--last-index", "5"],
        ] {
            #expect(refusal(arguments) == nil, "\(arguments)")
        }
    }
}

extension ArgumentTests {
    @Test(
        "blank names, changeset ids and ids are refused in the tool's words, not the SDK's",
        arguments: [
            (["clone", "--name", ""], "--name must not be blank: omit --name to keep the source's name."),
            (["clone", "--name", "  "], "--name must not be blank: omit --name to keep the source's name."),
            (["fork", "--name", ""], "--name must not be blank: omit --name to keep the main iModel's name."),
            (["clone", "--changeset-id", ""], "--changeset-id must not be blank: use --baseline-only"),
            (["fork", "--changeset-id", " "], "--changeset-id must not be blank: use --baseline-only"),
            (["import", "--name", ""], "--name must not be blank"),
            (["import", "--comment", ""], "--comment must not be blank"),
            (["import", "--repository-federation-guid", ""], "omit it to import the whole iModel"),
            (["import", "--target-project", ""], "--target-project must not be blank"),
            (["clone", ""], "<source-imodel-id> must not be blank."),
            (["status", ""], "<imodel-id> must not be blank."),
            (["run", " "], "<configuration-id> must not be blank."),
            (["transformation", ""], "<transformation-id> must not be blank."),
            (["demo", "--source-imodel", ""], "--source-imodel must not be blank."),
            (["status", "--token-command", ""], "--token-command must not be blank"),
        ])
    func blanks(arguments: [String], message: String) throws {
        let refused = try #require(refusal(arguments), "\(arguments)")
        #expect(refused.contains(message), "\(refused)")
        #expect(!refused.contains("nil") && !refused.contains(".baselineOnly"))
    }
}

@Suite("imodels demo")
struct DemoTests {
    @Test("on the simulator the clone is named after its source")
    func cloneName() {
        let plan = DemoFlow.Plan(
            source: "s", targetITwin: "t", point: .latest, cloneName: nil, targetName: "Demo import target")
        #expect(plan.cloneName(forSourceNamed: "Campus") == "Campus (demo clone)")
        var named = plan
        named.cloneName = "imodels demo clone 2025-01-31 14:05:09"
        #expect(named.cloneName(forSourceNamed: "Campus") == "imodels demo clone 2025-01-31 14:05:09")
    }

    @Test(
        "end to end: demo --source-imodel <Campus> clones \"Campus (demo clone)\", with all of Campus's changesets",
        arguments: [nil, 2])
    func campus(changesetIndex: Int?) async throws {
        let index = changesetIndex.map { " --changeset-index \($0)" } ?? ""
        let outcome = try await ToolProcess.run(
            #""$IMODELS" demo --json\#(index) --source-imodel c4a9e1f3-5b7d-4e9f-a1b3-c5d7e9f1a3b5"#)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        let clone = try #require(json["clone"] as? [String: Any])
        #expect(clone["name"] as? String == "Campus (demo clone)")
        let copied = changesetIndex.map { "up to changeset \($0)" } ?? "with all its changesets"
        #expect(outcome.standardError.contains("clone \"Campus\" \(copied) as \"Campus (demo clone)\""))
    }
}
