import ArgumentParser
import Foundation
import IModelsCLI
import IModelsClient

/// `imodels report`: shows a run's report and downloads its content.
struct ReportCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Show a transformation run's report (Technology Preview) and download its content.",
        discussion: """
            A run has a report once it has Succeeded or Failed. The report's download link is a time-limited, signed \
            storage link on another host: the tool shows only the host, and downloads the content without the access \
            token, at most 32 MiB. --download FILE writes the exact content (a file there is replaced); \
            --download - prints it on standard output as text, with control characters escaped, and the report's \
            details on standard error. On the simulator the run defaults to the sample finished run (Campus -> \
            "Import target").
            """)

    @Argument(help: ArgumentHelp("The run's id.", valueName: "transformation-id"))
    var transformationId: String?

    @Option(
        name: [.customLong("download"), .customLong("output")],
        help: ArgumentHelp("Download the report's content to this file (- for standard output).", valueName: "file"))
    var download: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try TextOption.check(transformationId, "<transformation-id>")
        try TextOption.check(download, "--download", ": give a file, or - for standard output.")
        if download == "-" && global.json {
            throw ValidationError(
                "--download - prints the content on standard output, where --json goes too: give a file with --json.")
        }
        if let download, download != "-", let problem = OutputFile.problem(with: download) {
            throw ValidationError("--download: \(problem)")
        }
    }

    func run() async throws {
        try await CommandRunner.run(.report, global) { session in
            let id = try session.required(
                transformationId, "the run id", usage: "imodels report <transformation-id> [--download <file>]"
            ) { $0.finishedRunId }
            session.using(id)
            let reports = try await session.client.transformations.reports(of: id)
            guard let report = reports.first else {
                let run = try await session.client.transformations.transformation(id)
                if download != nil {
                    throw ToolError.usage(
                        "Run \(TerminalText.line(id)) has no report to download: "
                            + ReportResult.noReport(runStatus: run.status) + ".")
                }
                let result = ReportResult(transformationId: id, reports: [], runStatus: run.status)
                session.emit(result, text: result.text)
                return
            }
            guard let download else {
                let result = ReportResult(transformationId: id, reports: reports)
                session.emit(result, text: result.text)
                return
            }
            if reports.count > 1 {
                session.console.err(
                    "The run has \(reports.count) reports: downloading the first, \(TerminalText.line(report.id)).")
            }
            let content = try await session.client.transformations.downloadReport(report)
            let result = ReportResult(
                transformationId: id, reports: reports,
                download: ReportResult.Download(file: download, bytes: content.count))
            if download == "-" {
                session.console.err(result.text)
                var text = String(decoding: content, as: UTF8.self)
                if text.hasSuffix("\n") { text.removeLast() }
                session.console.out(text)
                return
            }
            try OutputFile.write(content, to: download)
            session.emit(result, text: result.text)
        }
    }
}
