import Foundation
import IModelsClient

/// The result of `report`: a run's reports, each with the host of its download link (never the link itself, whose
/// query is a signature that grants access), and what was downloaded.
public struct ReportResult: Sendable, Encodable {
    /// One report.
    public struct Report: Sendable, Hashable, Encodable {
        /// The report's id.
        public var id: String
        /// The run it is about.
        public var transformationId: String?
        /// The run's configuration.
        public var configurationId: String?
        /// The run's target iModel.
        public var targetIModelId: String?
        /// The host (and port, when not the scheme's default) of the download link, or `nil` without a link.
        public var downloadHost: String?

        /// The report's values, with the download link reduced to its host.
        public init(_ report: TransformationReport) {
            id = report.id
            transformationId = report.transformationId
            configurationId = report.configurationId
            targetIModelId = report.targetIModelId
            downloadHost = report.downloadURL.flatMap(Self.host)
        }

        /// `host` or `host:port` of `url`: never its path, query or user.
        static func host(of url: URL) -> String? {
            guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
                let host = components.host, !host.isEmpty
            else { return nil }
            return components.port.map { "\(host):\($0)" } ?? host
        }
    }

    /// What `--download` wrote.
    public struct Download: Sendable, Hashable, Encodable {
        /// The file written, or `-` for standard output.
        public var file: String
        /// The content's size in bytes.
        public var bytes: Int

        /// Creates the value.
        public init(file: String, bytes: Int) {
            self.file = file
            self.bytes = bytes
        }
    }

    /// The run asked about.
    public var transformationId: String
    /// Its reports (one for a finished run, none before).
    public var reports: [Report]
    /// The run's status, read when it has no report (to say why).
    public var runStatus: TransformationStatus?
    /// What was downloaded, with `--download`.
    public var download: Download?

    /// Creates the result.
    public init(
        transformationId: String, reports: [TransformationReport], runStatus: TransformationStatus? = nil,
        download: Download? = nil
    ) {
        self.transformationId = transformationId
        self.reports = reports.map(Report.init)
        self.runStatus = runStatus
        self.download = download
    }

    /// Why a run has no report, from its status.
    public static func noReport(runStatus: TransformationStatus?) -> String {
        guard let runStatus else { return "none" }
        if runStatus == .aborted { return "none (the run was cancelled: Aborted)" }
        return "none yet (the run is \(TerminalText.line(runStatus.rawValue)); a report exists once a run has "
            + "Succeeded or Failed)"
    }

    /// The result as text; every value from the service made terminal-safe.
    public var text: String {
        var rows: [(String, String)] = [("run", TerminalText.line(transformationId))]
        if reports.isEmpty { rows.append(("report", Self.noReport(runStatus: runStatus))) }
        for report in reports {
            rows.append(("report", TerminalText.line(report.id)))
            if let configuration = report.configurationId {
                rows.append(("configuration", TerminalText.line(configuration)))
            }
            if let target = report.targetIModelId { rows.append(("target iModel", TerminalText.line(target))) }
            rows.append(
                (
                    "download from",
                    report.downloadHost.map { "\(TerminalText.line($0)) (a time-limited link, not shown)" }
                        ?? "no download link"
                ))
        }
        if let download {
            let file = download.file == "-" ? "standard output" : TerminalText.line(download.file)
            rows.append(("downloaded", "\(TextFormat.count(download.bytes)) bytes to \(file)"))
        }
        return TextFormat.fields(rows)
    }
}
