import Foundation
import IModelsCLI
import IModelsClient
import Testing

@Suite("Durations, counts and progress lines")
struct FormattingTests {
    @Test(
        "--timeout values",
        arguments: [
            ("90", Duration.seconds(90)), ("90s", .seconds(90)), ("1.5s", .milliseconds(1500)),
            ("500ms", .milliseconds(500)), ("15m", .seconds(900)), ("15min", .seconds(900)), ("2h", .seconds(7200)),
            (" 3 s ", .seconds(3)), ("720h", .seconds(30 * 24 * 3600)), ("0", .zero),
        ])
    func durations(text: String, expected: Duration) {
        #expect(DurationText.parse(text) == expected)
    }

    @Test(
        "bad --timeout values, and ones too long for any integer",
        arguments: [
            "", "abc", "-5", "5x", "inf", "s", "nan", "99999999999999999999", "1e18", "100000000000000h",
            "9223372036854775", "721h", "1e308",
        ])
    func badDurations(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test("a --timeout must be more than zero and at most 720h, and says which")
    func timeouts() throws {
        #expect(try DurationText.timeout("90s") == .seconds(90))
        #expect(throws: DurationText.Problem.tooLong) { try DurationText.timeout("9223372036854775") }
        #expect(throws: DurationText.Problem.tooLong) { try DurationText.timeout("1e18") }
        #expect(throws: DurationText.Problem.notPositive) { try DurationText.timeout("0") }
        #expect(throws: DurationText.Problem.notPositive) { try DurationText.timeout("-5") }
        #expect(throws: DurationText.Problem.notPositive) { try DurationText.timeout("0.0001") }
        #expect(throws: DurationText.Problem.notADuration) { try DurationText.timeout("soon") }
        #expect(DurationText.Problem.tooLong.description.contains("720h"))
    }

    @Test("counts and seconds")
    func numbers() {
        #expect(TextFormat.count(4000) == "4,000")
        #expect(TextFormat.count(1_234_567) == "1,234,567")
        #expect(TextFormat.count(12) == "12")
        #expect(TextFormat.seconds(2.54) == "2.5 s")
        #expect(TextFormat.seconds(185) == "3 min 5 s")
        #expect(TextFormat.elements(processed: 1200, total: 4000) == "1,200 of 4,000 elements (30 %)")
        #expect(TextFormat.shortId("78788347-6866-4743-afbd-96359554aa53") == "78788347…")
    }

    @Test("progress states")
    func states() {
        let run = Transformation(id: "r", status: .started, processedElementCount: 500, totalElementCount: 2000)
        #expect(ProgressLine.runState(run) == "Started, 500 of 2,000 elements (25 %)")
        #expect(ProgressLine.text(label: "run r", state: "Started", elapsed: 1.25) == "run r: Started (1.2 s)")
    }

    @Test("without a terminal, one plain line per change of state")
    func plainLines() {
        let (console, written) = recordingConsole(terminal: false)
        let reporter = ProgressReporter(console: console)
        reporter.begin("run r", .run(id: "r"))
        let started = Transformation(id: "r", status: .started, processedElementCount: 0, totalElementCount: 10)
        reporter.update(started)
        reporter.update(started)
        reporter.update(Transformation(id: "other", status: .failed))
        reporter.update(Transformation(id: "r", status: .succeeded))
        reporter.finish("run r: done")
        let lines = written.withLock { $0 }
        #expect(lines.count == 3)
        #expect(lines[0].hasSuffix("run r: Started, 0 of 10 elements (0 %)\n"))
        #expect(lines[1].hasSuffix("run r: Succeeded\n"))
        #expect(lines[2] == "run r: done\n")
        #expect(!lines.joined().contains("\r"))
    }

    @Test("on a terminal, the line is redrawn in place and cleared before other output")
    func terminalLine() {
        let (console, written) = recordingConsole(terminal: true)
        console.progress("clone m: scheduled (0.5 s)")
        console.err("a log line")
        console.clearProgress()
        let output = written.withLock { $0 }.joined()
        #expect(
            output
                == "\r\u{1B}[2Kclone m: scheduled (0.5 s)\r\u{1B}[2Ka log line\nclone m: scheduled (0.5 s)\r\u{1B}[2K")
    }
}

@Suite("Element counts of a run")
struct ElementCountTests {
    @Test("0 of 0 elements is \"nothing new\" only once the run has succeeded")
    func nothingNew() {
        let created = Transformation(id: "r", status: .created, processedElementCount: 0, totalElementCount: 0)
        #expect(ProgressLine.runState(created) == "Created")
        let createdText = TransformationResult(configuration: nil, transformation: created).text
        #expect(!createdText.contains("nothing new"))
        #expect(!createdText.contains("processed"))
        let started = Transformation(id: "r", status: .started, processedElementCount: 0, totalElementCount: 0)
        #expect(ProgressLine.runState(started) == "Started")
        let succeeded = Transformation(id: "r", status: .succeeded, processedElementCount: 0, totalElementCount: 0)
        #expect(ProgressLine.runState(succeeded) == "Succeeded, 0 of 0 elements (nothing new)")
        #expect(TransformationResult(configuration: nil, transformation: succeeded).text.contains("(nothing new)"))
        let failed = Transformation(id: "r", status: .failed, processedElementCount: 0, totalElementCount: 0)
        #expect(ProgressLine.runState(failed) == "Failed, 0 of 0 elements")
    }

    @Test("end to end: run --no-wait shows a run still Created without \"nothing new\"")
    func runNoWait() async throws {
        let outcome = try await ToolProcess.run(#""$IMODELS" run --no-wait"#)
        #expect(outcome.status == 0)
        #expect(outcome.standardOutput.contains("status         Created"))
        #expect(!outcome.standardOutput.contains("nothing new"))
    }
}

@Suite("--verbose lines")
struct VerboseLineTests {
    private func event(status: Int?, retry: Duration?, failure: String? = nil) -> LogEvent {
        LogEvent(
            operation: "getIModel", method: .get, url: URL(string: "https://api.bentley.com/imodels/m-1")!,
            status: status, attempt: 1, retryDelay: retry, correlationId: "corr-1",
            requestHeaders: HTTPHeaders(), failure: failure, elapsed: .milliseconds(4))
    }

    @Test("every number is labelled")
    func labelled() {
        #expect(
            VerboseLine.text(event(status: 429, retry: .milliseconds(430)))
                == "getIModel GET https://api.bentley.com/imodels/m-1 -> 429, attempt 1, retry in 0.430 s, "
                + "took 0.004 s, correlation id corr-1")
        #expect(
            VerboseLine.text(event(status: 200, retry: nil))
                == "getIModel GET https://api.bentley.com/imodels/m-1 -> 200, attempt 1, took 0.004 s, "
                + "correlation id corr-1")
    }

    @Test("a failure comes last, with no parentheses of the tool's around it")
    func failure() {
        let failure = "getIModel failed (cannotConnect): refused; the request was not sent"
        let line = VerboseLine.text(event(status: nil, retry: .seconds(1), failure: failure))
        #expect(line.hasSuffix(", correlation id corr-1, failure: \(failure)"))
        #expect(line.contains("-> no answer, attempt 1, retry in 1.000 s, took 0.004 s"))
        #expect(line.filter { $0 == "(" }.count == 1)
    }

    @Test("end to end: the simulator's --verbose lines")
    func endToEnd() async throws {
        let outcome = try await ToolProcess.run(#""$IMODELS" status --verbose"#)
        let lines = outcome.standardError.split(separator: "\n").filter { $0.hasPrefix("[simulated http] ") }
        #expect(lines.count == 2)
        for line in lines {
            #expect(line.contains(" -> 200, attempt 1, took "))
            #expect(line.contains(" s, correlation id "))
            #expect(!line.contains("("))
        }
    }
}
