import Foundation
import IModelsClient

/// Small formatting helpers for the tool's text output.
public enum TextFormat {
    /// Seconds with one decimal below a minute (`"2.5 s"`), else minutes and seconds (`"3 min 5 s"`).
    public static func seconds(_ value: Double) -> String {
        let value = max(0, value)
        if value < 60 { return String(format: "%.1f s", value) }
        let whole = Int(value.rounded())
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }

    /// The first 8 characters of a long id and an ellipsis (`3c2e9a1b…`), for progress lines; the full id is
    /// printed before and after.
    public static func shortId(_ id: String) -> String {
        TerminalText.line(id.count > 12 ? String(id.prefix(8)) + "…" : id)
    }

    /// Seconds rounded to milliseconds, for JSON output.
    public static func milliseconds(_ seconds: Double) -> Double {
        (seconds * 1000).rounded() / 1000
    }

    /// An integer with thousands separators: `4,000`.
    public static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// `processed of total elements (pct %)`, or what is known of it. A total of 0 means "nothing new" only once
    /// the run has succeeded (`status`); before it ends, 0 of 0 only means the counts are not known yet, and nothing
    /// is said.
    public static func elements(processed: Int?, total: Int?, status: TransformationStatus? = nil) -> String? {
        switch (processed, total) {
        case (let processed?, let total?) where total > 0:
            let percent = Int((Double(processed) / Double(total) * 100).rounded(.down))
            return "\(count(processed)) of \(count(total)) elements (\(percent) %)"
        case (let processed?, let total?) where total == 0:
            if status == .succeeded { return "\(count(processed)) of 0 elements (nothing new)" }
            if status?.isTerminal == true { return "\(count(processed)) of 0 elements" }
            return nil
        case (let processed?, nil):
            return "\(count(processed)) elements"
        default:
            return nil
        }
    }

    /// A date as `2025-01-31 14:05:09 UTC`, or `-` when there is none.
    public static func date(_ date: Date?) -> String {
        guard let date else { return "-" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int?, _ width: Int = 2) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.year, 4))-\(pad(parts.month))-\(pad(parts.day)) "
            + "\(pad(parts.hour)):\(pad(parts.minute)):\(pad(parts.second)) UTC"
    }

    /// `label  value` lines with the labels padded to one width.
    public static func fields(_ rows: [(String, String)]) -> String {
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { label, value in
            label + String(repeating: " ", count: width - label.count + 2) + value
        }
        .joined(separator: "\n")
    }

    /// A table with a header row; every column but the last is padded (numbers in `rightAligned` columns to the
    /// right).
    public static func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in
            all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
        }
        return all.map { row in
            row.enumerated().map { column, cell in
                if column == row.count - 1 { return cell }
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }
            .joined(separator: "  ")
        }
        .joined(separator: "\n")
    }
}
