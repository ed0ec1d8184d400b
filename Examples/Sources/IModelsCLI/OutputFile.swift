import Foundation

/// A file the tool writes content to (`imodels report --download FILE`): checked before anything is sent, written
/// whole or not at all.
public enum OutputFile {
    /// A file that could not be written.
    public struct WriteError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The file.
        public var path: String
        /// Why.
        public var reason: String

        /// `Cannot write <file>: <reason>`.
        public var description: String { "Cannot write \(TerminalText.line(path)): \(reason)" }
    }

    /// Why `path` cannot be written (a folder, a missing or non-folder parent), or `nil`; checked before anything is
    /// sent, so that a download is not wasted on a file that cannot be written.
    public static func problem(with path: String) -> String? {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return "\(TerminalText.line(path)) is a folder: give a file name."
        }
        let parent = url.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: parent.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            return "the folder of \(TerminalText.line(path)) does not exist."
        }
        return nil
    }

    /// Writes `data` to `path` atomically (a file there is replaced), or throws ``WriteError``.
    public static func write(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            let reason = (error as? CocoaError).map { $0.localizedDescription } ?? "\(error)"
            throw WriteError(path: path, reason: TerminalText.line(reason))
        }
    }
}
