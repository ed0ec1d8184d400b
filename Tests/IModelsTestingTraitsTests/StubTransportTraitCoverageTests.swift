import Foundation
import IModelsTestingTraits
import Testing

/// The trait only checks suites that carry it, so a new suite could forget it as easily as it forgot `verify()`.
/// This test reads the package's test sources and fails for a suite that creates a `StubTransport` without the trait.
@Suite struct StubTransportTraitCoverageTests {
    /// `Tests/`, found from this file's place in it.
    private static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Every Swift file under `Tests/` that creates a `StubTransport`, with its text.
    private static func filesCreatingStubTransports() throws -> [(name: String, text: String)] {
        let enumerator = try #require(FileManager.default.enumerator(atPath: testsDirectory.path))
        var files: [(String, String)] = []
        for case let path as String in enumerator where path.hasSuffix(".swift") {
            let text = try String(contentsOf: testsDirectory.appendingPathComponent(path), encoding: .utf8)
            if text.contains("StubTransport("), !#filePath.hasSuffix(path) { files.append((path, text)) }
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// The attribute text of each `@Suite` or `@Test` declaration that begins a line (from the attribute to the
    /// declaration keyword).
    private static func attributes(_ name: String, in text: String) -> [Substring] {
        var found: [Substring] = []
        var rest = text[...]
        while let start = rest.range(of: #"(?m)^[ \t]*@"# + name + #"\b"#, options: .regularExpression) {
            let tail = rest[start.lowerBound...]
            let end =
                tail.range(of: #"\b(struct|final class|class|enum|actor|func)\b"#, options: .regularExpression)?
                .lowerBound ?? tail.endIndex
            found.append(tail[..<end])
            rest = tail[end...]
        }
        return found
    }

    private static func isCovered(_ attribute: Substring) -> Bool {
        attribute.contains(".verifiesStubTransports") || attribute.contains(".skipsStubTransportVerification")
    }

    @Test func everySuiteThatCreatesAStubTransportVerifiesThem() throws {
        let files = try Self.filesCreatingStubTransports()
        #expect(files.count > 20, "the scan found the test sources (\(Self.testsDirectory.path))")
        for (name, text) in files {
            let suites = Self.attributes("Suite", in: text)
            for suite in suites where !Self.isCovered(suite) {
                Issue.record(
                    "\(name): \(suite.trimmingCharacters(in: .whitespacesAndNewlines)) lacks .verifiesStubTransports")
            }
            if suites.isEmpty {
                // Free test functions need the trait one by one; a file without tests is a helper of other suites.
                for test in Self.attributes("Test", in: text) where !Self.isCovered(test) {
                    Issue.record("\(name): a test outside a suite lacks .verifiesStubTransports")
                }
            }
        }
    }

    @Test func theScanSeesAMissingTrait() {
        let text = """
            @Suite(.verifiesStubTransports) struct Covered { let stub = StubTransport() }
            @Suite(.serialized)
            struct Uncovered {}
            """
        let suites = Self.attributes("Suite", in: text)
        #expect(suites.map(Self.isCovered) == [true, false])
    }
}
