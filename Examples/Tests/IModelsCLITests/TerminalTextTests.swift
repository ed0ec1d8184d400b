import Foundation
import IModelsCLI
import IModelsClient
import Testing

/// A hostile server's strings: a title change, a screen clear, a C1 CSI, DEL, and a forged line.
private let hostile = "evil\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\u{7F}\r\nerror: forged line"

/// The control characters a text holds, other than the newlines in `allowedNewlines` lines.
private func controls(in text: String) -> [UInt32] {
    text.unicodeScalars.map(\.value).filter { ($0 < 0x20 && $0 != 0x0A) || (0x7F...0x9F).contains($0) }
}

@Suite("Terminal-safe text")
struct TerminalTextTests {
    @Test("line() replaces C0 (line breaks and tabs too), DEL and C1; lines() keeps the line breaks")
    func helper() {
        #expect(TerminalText.line("a\u{1B}[2Jb") == #"a\u{1B}[2Jb"#)
        #expect(TerminalText.line("a\nb\r\tc\u{0}") == #"a\nb\r\tc\u{0}"#)
        #expect(TerminalText.line("x\u{7F}\u{9B}\u{85}y") == #"x\u{7F}\u{9B}\u{85}y"#)
        #expect(TerminalText.lines("a\nb\u{1B}c\r\n") == "a\nb\\u{1B}c\\r\n")
        #expect(TerminalText.line("Brücke ✓ 東京") == "Brücke ✓ 東京")
        #expect(controls(in: TerminalText.line(hostile)).isEmpty)
        #expect(!TerminalText.line(hostile).contains("\n"))
    }

    @Test("every result's text shows server strings without control characters or forged lines")
    func results() {
        let model = IModel(
            id: "m-\(hostile)", name: hostile, description: hostile, state: IModelState(rawValue: hostile),
            iTwinId: hostile)
        let operation = CreateOperation(
            state: CreateOperationState(rawValue: hostile),
            clonedFrom: ClonedFrom(iModelId: hostile, changesetId: hostile))
        let run = Transformation(
            id: hostile, status: TransformationStatus(rawValue: hostile), errorMessage: hostile,
            lastTargetChangesetPushed: hostile)
        let creation = IModelCreation(iModelId: hostile)
        let texts = [
            StatusResult(iModel: model, createOperation: operation).text,
            WaitResult(milestone: "initialized", iModel: model, elapsedSeconds: 1).text,
            CreationResult(
                kind: "clone", creation: creation, milestone: nil, iModel: nil, createOperation: nil, elapsedSeconds: 1
            ).text,
            CreationResult(
                kind: "clone", creation: creation, milestone: "initialized", iModel: model, createOperation: operation,
                elapsedSeconds: 1
            ).text,
            TransformationResult(configuration: nil, transformation: run, elapsedSeconds: 1).text,
            ChangesetList(iModelId: "m", changesets: [Changeset(id: hostile, index: 1, description: hostile)]).text,
            DemoResult(
                clone: model, clonedUpToChangesetIndex: 1, clonedUpToChangesetId: hostile, target: model,
                configuration: nil, transformation: run,
                subjects: [DemoResult.Subject(codeValue: hostile, userLabel: hostile, elementCount: 1)], steps: [],
                elapsedSeconds: 1
            ).text,
            ProgressLine.text(label: "run x", state: ProgressLine.runState(run), elapsed: 1),
            ProgressLine.plain(label: "run x", state: ProgressLine.runState(run), elapsed: 1),
        ]
        for text in texts {
            #expect(controls(in: text).isEmpty, "\(text.debugDescription)")
            #expect(!text.contains("\nerror: forged line"), "\(text.debugDescription)")
        }
    }

    @Test("error reports show the API's fields and bodies without control characters or forged lines")
    func errorReports() {
        let errors: [ITwinClientError] = [
            .api(
                APIError(
                    operation: "getIModel", status: 400, code: ErrorCode(rawValue: hostile), message: hostile,
                    target: hostile, details: [ErrorDetail(code: "X", message: hostile, target: hostile)],
                    rateLimit: RateLimitInfo(tier: hostile), correlationId: "c")),
            .api(APIError(operation: "getIModel", status: 502, rawBody: Data(hostile.utf8))),
            .decoding(
                DecodingFailure(operation: "getIModel", status: 200, reason: hostile, rawBody: Data(hostile.utf8))),
            .timedOut(operation: "waitUntilCreated", resourceId: hostile, lastState: hostile),
            .creationFailed(iModelId: hostile, state: CreateOperationState(rawValue: hostile)),
            .transformationFailed(Transformation(id: hostile, status: .failed, errorMessage: hostile)),
            .ambiguousOutcome(operation: "runTransformation", candidates: [hostile, "run-2"]),
            .api(
                APIError(
                    operation: "cloneIModel", status: 429, rateLimit: RateLimitInfo(tier: hostile),
                    correlationId: "c")),
        ]
        for error in errors {
            let report = ErrorReport(error, command: .clone, onSimulator: false)
            #expect(controls(in: report.text).isEmpty, "\(report.text.debugDescription)")
            #expect(!report.text.contains("\nerror: forged line"), "\(report.text.debugDescription)")
        }
    }

    @Test("the console writes no control character but its own, whatever it is given")
    func console() {
        let (console, written) = recordingConsole(terminal: true)
        console.progress("run \(hostile)")
        console.out("result \(hostile)")
        console.err("note \(hostile)")
        console.clearProgress()
        let clear = "\r\u{1B}[2K"
        for text in written.withLock({ $0 }) {
            let own = text.replacingOccurrences(of: clear, with: "")
            #expect(controls(in: own).isEmpty, "\(text.debugDescription)")
        }
    }

    @Test("--json escapes DEL and C1 control characters, and reads back the same")
    func json() throws {
        let text = JSONOutput.string(["name": "a\u{9B}b\u{7F}c\u{1B}d\u{85}"])
        #expect(controls(in: text).isEmpty, "\(text.debugDescription)")
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        #expect(decoded == ["name": "a\u{9B}b\u{7F}c\u{1B}d\u{85}"])
    }
}
