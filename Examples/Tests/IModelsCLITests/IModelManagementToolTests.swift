import Foundation
import IModelsCLI
import Testing

/// The new commands run end to end: the built `imodels` on its simulator, with no ids (the sample defaults) or the
/// sample ids.
@Suite("iModel management and named versions: the tool on the simulator")
struct IModelManagementToolTests {
    private static let bridge = "b71d0c2e-4f6a-4b8c-9d0e-1f2a3b4c5d6e"
    private static let sampleCopies = "8a3b5c7d-1e2f-4a6b-8c9d-0e1f2a3b4c5d"

    private func json(_ outcome: ToolProcess.Outcome) throws -> [String: Any] {
        #expect(outcome.status == 0, "\(outcome.standardError)")
        return try #require(
            try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any],
            "\(outcome.standardOutput)")
    }

    @Test("list: the sample iTwin's iModels by name; --state notInitialized finds the clone in progress")
    func list() async throws {
        let text = try await ToolProcess.run(#""$IMODELS" list --order-by name"#)
        #expect(text.status == 0, "\(text.standardError)")
        let names = ["Bridge", "Campus", "Plant (legacy)"]
        let positions = names.compactMap { text.standardOutput.range(of: $0)?.lowerBound }
        #expect(positions.count == 3 && positions == positions.sorted(), "\(text.standardOutput)")
        #expect(text.standardOutput.contains("3 iModels in iTwin 5f1c2e7a-0b3d-4c8e-9a61-2d4f6b8c0e12"))

        let pending = try json(
            await ToolProcess.run(#""$IMODELS" list \#(Self.sampleCopies) --state notInitialized --json"#))
        let models = try #require(pending["iModels"] as? [[String: Any]])
        #expect(models.map { $0["name"] as? String } == ["Bridge (cloning)"])
        #expect(models.first?["state"] as? String == "notInitialized")
    }

    @Test("info, update and permissions of the sample Bridge")
    func infoUpdatePermissions() async throws {
        let info = try await ToolProcess.run(#""$IMODELS" info"#)
        #expect(info.status == 0, "\(info.standardError)")
        #expect(info.standardOutput.contains("Bridge  \(Self.bridge)"))
        #expect(info.standardOutput.contains("creation"))

        let updated = try json(
            await ToolProcess.run(#""$IMODELS" update --name "Bridge (renamed)" --description "" --json"#))
        let model = try #require(updated["iModel"] as? [String: Any])
        #expect(model["name"] as? String == "Bridge (renamed)")
        #expect(model["description"] as? String ?? "" == "")

        let taken = try await ToolProcess.run(#""$IMODELS" update \#(Self.bridge) --name Campus"#)
        #expect(taken.status == 3)
        #expect(taken.standardError.contains("409"))

        let permissions = try await ToolProcess.run(#""$IMODELS" permissions"#)
        #expect(permissions.status == 0, "\(permissions.standardError)")
        #expect(permissions.standardOutput.contains("imodels_manage   yes"))
    }

    @Test("delete without --yes and without a terminal is refused (exit code 2) before anything is sent")
    func deleteRefused() async throws {
        let outcome = try await ToolProcess.run(#""$IMODELS" delete --verbose < /dev/null"#)
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("pass --yes"))
        #expect(!outcome.standardError.contains("[simulated http]"), "\(outcome.standardError)")
        let json = try await ToolProcess.run(#""$IMODELS" delete --json < /dev/null"#)
        #expect(json.status == 2)
        #expect(json.standardError.contains(#""exitCode" : 2"#))
    }

    @Test("delete --yes deletes the clone in progress; then it is gone")
    func deleteYes() async throws {
        let outcome = try await ToolProcess.run(#""$IMODELS" delete --yes"#)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("Deleted iModel \"Bridge (cloning)\""))
        let json = try json(await ToolProcess.run(#""$IMODELS" delete -y --json"#))
        #expect(json["deleted"] as? Bool == true)
    }

    @Test(
        "delete on a terminal asks, and deletes only on yes",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")),
        arguments: [("y", 0), ("n", 2)])
    func deleteAsks(answer: String, status: Int32) async throws {
        // `script` runs the tool on a pseudo-terminal and types the answer into it.
        let outcome = try await ToolProcess.run(
            #"printf '\#(answer)\n' | /usr/bin/script -qec "\"$IMODELS\" delete" /dev/null"#)
        let output = outcome.standardOutput
        #expect(output.contains("Delete iModel Bridge (cloning) ("), "\(output)")
        #expect(output.contains("? [y/N]"))
        #expect(outcome.status == status, "\(output)")
        #expect(output.contains("Deleted iModel") == (status == 0))
    }

    @Test("versions list and create on the sample Bridge")
    func versions() async throws {
        let list = try await ToolProcess.run(#""$IMODELS" versions list --order-by index-desc"#)
        #expect(list.status == 0, "\(list.standardError)")
        let out = list.standardOutput
        let order = ["Release 1.1", "Release 1.0", "Design review"].compactMap { out.range(of: $0)?.lowerBound }
        #expect(order.count == 3 && order == order.sorted(), "\(out)")
        #expect(out.contains("3 named versions of iModel \(Self.bridge)"))

        let search = try json(await ToolProcess.run(#""$IMODELS" versions list --search Release --json"#))
        #expect((search["namedVersions"] as? [[String: Any]])?.count == 2)

        let created = try json(
            await ToolProcess.run(#""$IMODELS" versions create --name "Kick-off" --description "Start" --json"#))
        let version = try #require(created["namedVersion"] as? [String: Any])
        #expect(version["name"] as? String == "Kick-off")
        #expect(version["changesetIndex"] as? Int == 0)

        let duplicate = try await ToolProcess.run(#""$IMODELS" versions create --name "Release 1.0""#)
        #expect(duplicate.status == 3)
    }

    @Test("clone --named-version --copy-named-versions: as of Release 1.0, two versions created, one skipped")
    func cloneAsOfNamedVersion() async throws {
        let outcome = try await ToolProcess.run(
            #""$IMODELS" clone --named-version "Release 1.0" --copy-named-versions --json"#)
        let json = try json(outcome)
        #expect((json["namedVersion"] as? [String: Any])?["changesetIndex"] as? Int == 8)
        let copy = try #require(json["namedVersions"] as? [String: Any])
        #expect(
            (copy["created"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == [
                "Design review", "Release 1.0",
            ])
        let skipped = try #require(copy["skipped"] as? [[String: Any]])
        #expect(skipped.first?["reason"] as? String == "afterCopiedChangesets")
        #expect(outcome.standardError.contains("Copied 2 named versions onto the copy; skipped 1."))

        let text = try await ToolProcess.run(#""$IMODELS" fork --named-version "Release 1.0" --copy-named-versions"#)
        #expect(text.status == 0, "\(text.standardError)")
        #expect(text.standardOutput.contains("named version \"Release 1.0\", changeset 8"))
        #expect(text.standardOutput.contains("Release 1.0: created on the baseline"), "\(text.standardOutput)")
        #expect(text.standardOutput.contains("Design review: skipped (no changeset of the copy matches it)"))
    }

    @Test("clone --named-version with a name the source lacks: exit code 2, how to list them, no clone")
    func unknownNamedVersion() async throws {
        let outcome = try await ToolProcess.run(#""$IMODELS" clone --named-version "Release 9" --verbose"#)
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("has no named version \"Release 9\""))
        #expect(outcome.standardError.contains("imodels versions list \(Self.bridge)"))
        #expect(!outcome.standardError.contains("cloneIModel"))
    }

    @Test("the demo clones as of Release 1.0 and copies the named versions")
    func demo() async throws {
        let outcome = try await ToolProcess.run(#""$IMODELS" demo --json"#)
        let json = try json(outcome)
        #expect(json["clonedUpToChangesetIndex"] as? Int == 8)
        #expect((json["namedVersion"] as? [String: Any])?["name"] as? String == "Release 1.0")
        let copy = try #require(json["namedVersions"] as? [String: Any])
        #expect((copy["created"] as? [Any])?.count == 2)
        #expect(outcome.standardError.contains("as of its named version \"Release 1.0\" (changeset 8)"))
    }
}
