import ArgumentParser
import Foundation
import IModelsCLI
import IModelsClient
import IModelsTesting
import Testing

@testable import imodels

/// A fresh folder for the files a test writes.
private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("imodels-tf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// Writes `text` to `name` in a fresh folder and returns the file's path.
private func file(_ name: String, _ text: String) throws -> String {
    let url = try temporaryFolder().appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
}

@Suite("transform --parameters")
struct ParametersFileTests {
    @Test("a JSON object is read as the configuration's transformParameters")
    func object() throws {
        let path = try file("f.json", #"{"ecSql": "SELECT ECInstanceId FROM bis.Element", "inclusive": true}"#)
        let value = try ParametersFile.read(path)
        #expect(
            value
                == .object(["ecSql": .string("SELECT ECInstanceId FROM bis.Element"), "inclusive": .bool(true)]))
        #expect(try ParametersFile.read("-", standardInput: { Data(#"{"a": 1}"#.utf8) }) == .object(["a": .number(1)]))
    }

    @Test(
        "a missing, empty, invalid or non-object file is refused, naming the file",
        arguments: [
            ("", "is empty"), ("  \n", "is empty"), ("{", "is not valid JSON"), ("[1, 2]", "not an array"),
            (#""text""#, "not a string"), ("null", "not null"), ("3", "not a single value"),
        ])
    func refused(content: String, reason: String) throws {
        let path = try file("bad.json", content)
        let error = try #require(throws: ParametersFile.Problem.self) { try ParametersFile.read(path) }
        #expect(error.description.hasPrefix(path + ": "))
        #expect(error.description.contains(reason), "\(error.description)")
    }

    @Test("no such file, a folder, and standard input are named as such")
    func missing() throws {
        let folder = try temporaryFolder()
        let missing = folder.appendingPathComponent("nope.json").path
        #expect(throws: ParametersFile.Problem(file: missing, reason: "no such file.")) {
            try ParametersFile.read(missing)
        }
        let error = try #require(throws: ParametersFile.Problem.self) { try ParametersFile.read(folder.path) }
        #expect(error.reason.contains("is a folder"))
        let stdin = try #require(throws: ParametersFile.Problem.self) {
            try ParametersFile.read("-", standardInput: { Data("[]".utf8) })
        }
        #expect(stdin.description.hasPrefix("standard input: must hold a JSON object"))
    }

    @Test("a file over 1 MiB is refused")
    func tooLarge() throws {
        let data = Data(repeating: 0x20, count: ParametersFile.maximumSize + 1)
        let error = try #require(throws: ParametersFile.Problem.self) { try ParametersFile.parse(data, file: "big") }
        #expect(error.reason.contains("larger than 1024 KiB"))
    }
}

@Suite("transform --type")
struct TransformTypesTests {
    @Test("known types resolve to their documented spelling; others are sent as given")
    func resolve() {
        #expect(TransformTypes.resolve("filterimodel") == .filterIModel)
        #expect(TransformTypes.resolve("CombineIModels") == .combineIModels)
        #expect(TransformTypes.resolve("SomeNewType").rawValue == "SomeNewType")
        #expect(TransformTypes.known.count == 8)
        #expect(TransformTypes.names.contains("AlignIModelData"))
        #expect(TransformTypes.isWellFormed("FilterIModel"))
        #expect(!TransformTypes.isWellFormed("Filter-IModel"))
        #expect(!TransformTypes.isWellFormed("../imodels"))
        #expect(!TransformTypes.isWellFormed("Filtér"))
    }

    @Test("a known type's parameters are checked against the SDK's model; another type's are not")
    func check() throws {
        let missing = try #require(throws: TransformTypes.Problem.self) {
            try TransformTypes.check(.object(["inclusive": .bool(true)]), of: .filterIModel, file: "f.json")
        }
        #expect(missing.description == "f.json does not hold FilterIModel parameters as documented: ecSql is missing.")
        let wrongType = try #require(throws: TransformTypes.Problem.self) {
            try TransformTypes.check(.object(["ecSql": .number(3)]), of: .filterIModel, file: "-")
        }
        #expect(wrongType.description.hasPrefix("standard input does not hold FilterIModel parameters"))
        #expect(wrongType.description.contains("ecSql must be a string"))
        let rule = try #require(throws: TransformTypes.Problem.self) {
            try TransformTypes.check(
                .object(["ecSql": .string("SELECT 1"), "includeChildren": .bool(true)]), of: .filterIModel,
                file: "f.json")
        }
        #expect(rule.description.contains("includeChildren applies only when inclusive is true"))
        try TransformTypes.check(.object(["ecSql": .string("SELECT 1")]), of: .filterIModel, file: "f.json")
        try TransformTypes.check(.object(["anything": .null]), of: "SomeNewType", file: "f.json")
    }
}

@Suite("transform and report arguments")
struct TransformReportArgumentTests {
    private func refusal(_ arguments: [String]) -> String? {
        do {
            _ = try IModelsCommand.parseAsRoot(arguments)
            return nil
        } catch {
            #expect(IModelsCommand.exitCode(for: error) == .validationFailure, "\(arguments)")
            return IModelsCommand.message(for: error)
        }
    }

    @Test("bad input is refused before anything is sent, naming what is wrong")
    func refusals() throws {
        let good = try file("f.json", #"{"ecSql": "SELECT ECInstanceId FROM bis.Element"}"#)
        let invalid = try file("invalid.json", "{ecSql}")
        let folder = try temporaryFolder()
        let cases: [([String], String)] = [
            (["transform", "--parameters", good], "Missing expected argument '--type <type>'"),
            (["transform", "--type", "FilterIModel"], "Missing expected argument '--parameters <file.json>'"),
            (["transform", "--type", "Filter-IModel", "--parameters", good], "ASCII letters and digits"),
            (["transform", "--type", "", "--parameters", good], "--type must not be blank"),
            (["transform", "--type", "FilterIModel", "--parameters", invalid], "invalid.json: is not valid JSON"),
            (
                ["transform", "--type", "FilterIModel", "--parameters", folder.path + "/none.json"],
                "none.json: no such file"
            ),
            (
                ["transform", "--type", "CombineIModels", "--parameters", good],
                "CombineIModels parameters as documented"
            ),
            (
                ["transform", "--type", "FilterIModel", "--parameters", good, "--no-wait", "--timeout", "5m"],
                "--timeout has no effect"
            ),
            (
                ["transform", "--type", "FilterIModel", "--parameters", good, "--source", " "],
                "--source-imodel must not be blank"
            ),
            (
                ["transform", "--type", "FilterIModel", "--parameters", good, "--target-itwin", ""],
                "--target-project must not be blank"
            ),
            (["report", ""], "<transformation-id> must not be blank."),
            (["report", "--download", "-", "--json"], "give a file with --json"),
            (["report", "--download", folder.path], "is a folder"),
            (["report", "--output", folder.path + "/no/such/report.json"], "does not exist"),
        ]
        for (arguments, message) in cases {
            let refused = try #require(refusal(arguments), "\(arguments)")
            #expect(refused.contains(message), "\(arguments): \(refused)")
        }
        #expect(refusal(["transform", "--type", "filterimodel", "--parameters", good, "--no-wait"]) == nil)
        #expect(refusal(["transform", "--type", "SomeNewType", "--parameters", good]) == nil)
        #expect(refusal(["report", "--download", folder.path + "/report.json"]) == nil)
        #expect(refusal(["report", "r-1", "--download", "-"]) == nil)
    }
}

@Suite("imodels report")
struct ReportResultTests {
    private let report = TransformationReport(
        id: "rep-1", transformationId: "r-1", configurationId: "c-1", targetIModelId: "m-1",
        links: TransformationReport.Links(
            download: Link(
                href: "https://storage.example.com:8443/reports/r-1?sv=2019&sig=SECRET&se=2026-01-01T00%3A20%3A00Z")))

    @Test("the download link is shown as its host only, in text and JSON")
    func hostOnly() throws {
        let result = ReportResult(
            transformationId: "r-1", reports: [report], download: ReportResult.Download(file: "out.json", bytes: 1234))
        #expect(result.text.contains("storage.example.com:8443 (a time-limited link, not shown)"))
        #expect(result.text.contains("1,234 bytes to out.json"))
        let json = JSONOutput.string(result)
        for text in [result.text, json] {
            #expect(!text.contains("SECRET") && !text.contains("sig=") && !text.contains("/reports/"))
        }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let reports = try #require(object["reports"] as? [[String: Any]])
        #expect(reports.first?["downloadHost"] as? String == "storage.example.com:8443")
        #expect((object["download"] as? [String: Any])?["bytes"] as? Int == 1234)
    }

    @Test("a run without a report says why, from its status")
    func none() {
        let running = ReportResult(transformationId: "r-2", reports: [], runStatus: .started)
        #expect(
            running.text.contains("none yet (the run is Started; a report exists once a run has Succeeded or Failed)"))
        let aborted = ReportResult(transformationId: "r-2", reports: [], runStatus: .aborted)
        #expect(aborted.text.contains("cancelled"))
    }

    @Test("server values are made terminal-safe")
    func terminalSafe() {
        let hostile = TransformationReport(id: "rep\u{1B}]0;x\u{07}", transformationId: "r", configurationId: "c\n2")
        let text = ReportResult(transformationId: "r", reports: [hostile]).text
        #expect(!text.contains("\u{1B}") && !text.contains("\u{07}"))
        #expect(text.contains("no download link"))
    }

    @Test("an expired link's 403 from the storage suggests a fresh link")
    func expiredHint() throws {
        let error = ITwinClientError.api(APIError(operation: "downloadTransformationReport", status: 403))
        let hint = try #require(Hints.hint(for: error, command: .report, onSimulator: false))
        #expect(hint.contains("again for a fresh link"))
        let forbidden = try #require(
            Hints.hint(
                for: ITwinClientError.api(APIError(operation: "getTransformationReports", status: 403)),
                command: .report,
                onSimulator: false))
        #expect(forbidden.contains("imodels_read"))
    }
}

@Suite("transform and report on the simulator")
struct TransformReportSimulatorTests {
    @Test("the sample finished run has report content and the transform target is an empty iModel")
    func seeded() async throws {
        let world = try await SimulatorWorld.make()
        let client = ITwinClient(accessToken: { world.sampleData.accessToken }, transport: world.simulator)
        let report = try #require(try await client.transformations.reports(of: world.samples.finishedRunId).first)
        let content = try await client.transformations.downloadReport(report)
        #expect(String(decoding: content, as: UTF8.self).contains("Sample report content of the imodels simulator"))
        let target = try await client.iModels.iModel(world.samples.transformTargetIModelId)
        #expect(target.name == "Transform target")
        #expect(target.iTwinId == world.samples.targetITwinId)
        #expect(world.samples.listing.contains(world.samples.transformTargetIModelId))
    }

    @Test("the transform preflight names the missing permission on the target, ends like a 403, sends nothing")
    func preflight() async throws {
        let (console, _) = recordingConsole(terminal: false)
        let session = try await Session(
            options: Session.Options(environment: .production, json: false, verbose: false, credentials: .simulator),
            console: console)
        let world = try #require(session.world)
        let samples = world.samples
        world.simulator.setPermissions(
            [.webView, .read], for: world.sampleData.accessToken, in: samples.targetITwinId)
        world.simulator.clearRequestLog()
        let error = await #expect(throws: ToolError.self) {
            try await session.requirePermissions([
                (.transformationSource, samples.bridgeIModelId),
                (.transformationTarget, samples.transformTargetIModelId),
            ])
        }
        let report = ErrorReport(try #require(error), command: .transform, onSimulator: true)
        #expect(report.exitCode == .api)
        #expect(report.kind == "permission")
        #expect(report.text.contains("imodels_write"))
        #expect(!world.simulator.requestLog.contains { $0.request.method == .post })
    }

    @Test("end to end: transform --type FilterIModel with the defaults runs and succeeds")
    func transform() async throws {
        let parameters = try file(
            "f.json", #"{"ecSql": "SELECT ECInstanceId FROM bis.PhysicalElement", "inclusive": true}"#)
        let outcome = try await ToolProcess.run(
            #""$IMODELS" transform --type filterimodel --parameters "\#(parameters)""#)
        #expect(outcome.status == 0, "\(outcome.standardError)")
        #expect(outcome.standardOutput.contains("Created the FilterIModel configuration"))
        #expect(outcome.standardOutput.contains("FilterIModel Bridge into Transform target"))
        #expect(
            outcome.standardOutput.split(separator: "\n").contains {
                $0.hasPrefix("status ") && $0.hasSuffix(" Succeeded")
            })
        let json = try await ToolProcess.run(
            #"cat "\#(parameters)" | "$IMODELS" transform --type FilterIModel --parameters - --no-wait --json"#)
        #expect(json.status == 0, "\(json.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let configuration = try #require(object["configuration"] as? [String: Any])
        #expect(configuration["transformType"] as? String == "FilterIModel")
        #expect((object["transformation"] as? [String: Any])?["status"] as? String == "Created")
    }

    @Test("end to end: a bad parameters file is refused with exit code 2 before anything is sent")
    func refusedFile() async throws {
        let parameters = try file("f.json", #"{"inclusive": true}"#)
        let outcome = try await ToolProcess.run(
            #""$IMODELS" transform --type FilterIModel --parameters "\#(parameters)" --verbose"#)
        #expect(outcome.status == 2)
        #expect(outcome.standardError.contains("ecSql is missing"))
        #expect(!outcome.standardError.contains("[simulated http]"))
    }

    @Test("end to end: report shows the host only, and downloads to a file and to standard output")
    func report() async throws {
        let shown = try await ToolProcess.run(#""$IMODELS" report"#)
        #expect(shown.status == 0, "\(shown.standardError)")
        #expect(
            shown.standardOutput.contains("transformationsreports.simulator.invalid (a time-limited link, not shown)"))
        #expect(!shown.standardOutput.contains("sig"))
        let path = try temporaryFolder().appendingPathComponent("report.json").path
        let downloaded = try await ToolProcess.run(#""$IMODELS" report --download "\#(path)" --json"#)
        #expect(downloaded.status == 0, "\(downloaded.standardError)")
        let content = try String(contentsOfFile: path, encoding: .utf8)
        #expect(content.contains("Sample report content"))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(downloaded.standardOutput.utf8)) as? [String: Any])
        #expect((object["download"] as? [String: Any])?["bytes"] as? Int == content.utf8.count)
        let printed = try await ToolProcess.run(#""$IMODELS" report --download -"#)
        #expect(printed.status == 0)
        #expect(printed.standardOutput.hasPrefix("{"))
        #expect(printed.standardOutput.contains("Sample report content"))
        #expect(printed.standardError.contains("bytes to standard output"))
    }

    @Test("end to end: a run in progress has no report yet")
    func noReportYet() async throws {
        let samples = try await SimulatorWorld.make().samples
        let shown = try await ToolProcess.run(#""$IMODELS" report \#(samples.runInProgressId)"#)
        #expect(shown.status == 0)
        #expect(shown.standardOutput.contains("none yet"))
        let download = try await ToolProcess.run(#""$IMODELS" report \#(samples.runInProgressId) --download -"#)
        #expect(download.status == 2)
        #expect(download.standardError.contains("has no report to download"))
    }
}

extension ReportResultTests {
    @Test("transform: a type the service does not know, and parameters it refuses, get their own hints")
    func transformHints() throws {
        let unknown = ITwinClientError.api(
            APIError(operation: "createSomeNewTypeConfiguration", status: 404, code: "ResourceNotFound"))
        let hint = try #require(Hints.hint(for: unknown, command: .transform, onSimulator: true))
        #expect(hint.contains("no such configuration type") && hint.contains("FilterIModel"))
        let missingIModel = ITwinClientError.api(
            APIError(operation: "createCombineIModelsConfiguration", status: 404, code: .iModelNotFound))
        #expect(
            Hints.hint(for: missingIModel, command: .transform, onSimulator: false)?.contains("Check the id") == true)
        let refused = ITwinClientError.api(APIError(operation: "createFilterIModelConfiguration", status: 422))
        let refusedHint = try #require(Hints.hint(for: refused, command: .transform, onSimulator: false))
        #expect(refusedHint.contains("check --parameters"))
    }
}

@Suite("imodels transformations")
struct RunListTests {
    @Test("--status takes a documented status in any case; --top at least 1")
    func arguments() throws {
        #expect(RunList.status(named: "failed") == .failed)
        #expect(RunList.status(named: "Done") == nil)
        for (arguments, message) in [
            (["transformations", "--status", "Done"], "--status must be one of Created, Initializing, Started"),
            (["transformations", "--top", "0"], "--top must be ≥ 1 (got 0)."),
            (["transformations", ""], "<configuration-id> must not be blank."),
        ] {
            do {
                _ = try IModelsCommand.parseAsRoot(arguments)
                Issue.record("\(arguments) parsed")
            } catch {
                #expect(IModelsCommand.exitCode(for: error) == .validationFailure)
                #expect(IModelsCommand.message(for: error).contains(message), "\(arguments)")
            }
        }
        _ = try IModelsCommand.parseAsRoot(["transformations", "c-1", "--status", "SUCCEEDED", "--newest-first"])
    }

    @Test("a table of runs, or what is missing")
    func text() {
        let run = Transformation(id: "r-1", status: .succeeded, processedElementCount: 10, totalElementCount: 10)
        let list = RunList(configurationId: "c-1", transformations: [run])
        #expect(list.text.contains("r-1"))
        #expect(list.text.hasSuffix("1 run of configuration c-1"))
        #expect(
            RunList(configurationId: "c-1", status: .failed, transformations: []).text
                == "No Failed runs (configuration c-1).")
    }

    @Test("end to end: the sample configuration's run, and a status filter")
    func endToEnd() async throws {
        let all = try await ToolProcess.run(#""$IMODELS" transformations --newest-first"#)
        #expect(all.status == 0, "\(all.standardError)")
        #expect(all.standardOutput.contains("1 run of configuration"))
        #expect(all.standardOutput.contains("Succeeded"))
        let failed = try await ToolProcess.run(#""$IMODELS" transformations --status failed --json"#)
        #expect(failed.status == 0, "\(failed.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(failed.standardOutput.utf8)) as? [String: Any])
        #expect(object["status"] as? String == "Failed")
        #expect((object["transformations"] as? [Any])?.isEmpty == true)
    }
}
