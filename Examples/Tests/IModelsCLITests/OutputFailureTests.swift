import Foundation
import IModelsCLI
import Testing

@Suite("Output that cannot be written")
struct OutputFailureTests {
    struct Closed: Error {}

    @Test("a failed write is kept, the stream is not written again, and the handler runs once per stream")
    func failedWrites() {
        let attempts = Protected<[Console.Stream]>([])
        let console = Console(
            progressStream: .standardOutput, progressIsTerminal: false,
            write: { stream, _ in
                attempts.withLock { $0.append(stream) }
                if stream == .standardOutput { throw Console.WriteFailure(stream: stream, errno: EBADF) }
            })
        let reported = Protected<[Console.WriteFailure]>([])
        console.onFailure { failure in reported.withLock { $0.append(failure) } }
        console.out("result")
        console.out("more")
        console.err("diagnostic")
        #expect(attempts.withLock { $0 } == [.standardOutput, .standardError])
        #expect(console.failure == Console.WriteFailure(stream: .standardOutput, errno: EBADF))
        #expect(!console.isWritable(.standardOutput) && console.isWritable(.standardError))
        #expect(reported.withLock { $0 }.map(\.stream) == [.standardOutput])
        #expect(
            console.failure?.message(stoppedWaitingFor: nil)
                == "error: cannot write to standard output: \(String(cString: strerror(EBADF))).")
    }

    @Test("a writer that throws something else counts as a failure too")
    func otherErrors() {
        let console = Console(
            progressStream: .standardError, progressIsTerminal: false, write: { _, _ in throw Closed() })
        console.note("x")
        #expect(console.failure?.stream == .standardError)
    }

    @Test("standard output closed: exit code 1 and one line on standard error, no crash")
    func closedStandardOutput() async throws {
        let outcome = try await ToolProcess.run(#""$IMODELS" changesets >&-"#)
        #expect(outcome.exited)
        #expect(outcome.status == 1)
        let lines = outcome.standardError.split(separator: "\n")
        #expect(lines.last == "error: cannot write to standard output: \(String(cString: strerror(EBADF))).")
        #expect(lines.filter { $0.hasPrefix("error:") }.count == 1)
    }

    @Test("standard output full, plain and --json, and standard error closed: exit code 1, no crash")
    func fullStandardOutput() async throws {
        if FileManager.default.fileExists(atPath: "/dev/full") {
            for json in ["", " --json"] {
                let outcome = try await ToolProcess.run(#""$IMODELS" changesets\#(json) > /dev/full"#)
                #expect(outcome.exited)
                #expect(outcome.status == 1)
                #expect(outcome.standardError.contains("error: cannot write to standard output: "))
            }
        }
        let outcome = try await ToolProcess.run(#""$IMODELS" changesets --top 1 2>&-"#)
        #expect(outcome.exited)
        #expect(outcome.status == 1)
        #expect(outcome.standardOutput.contains("1 changeset of iModel"))
    }

    @Test("a wait whose progress cannot be written stops at once, and says what it stopped waiting for")
    func waitStops() async throws {
        let full = FileManager.default.fileExists(atPath: "/dev/full")
        // An iModel the simulator does not hold: the SDK polls through its 404 as it would right after a clone (the
        // service may not show a new iModel at once), so a wait that went on would last the whole 50 s timeout,
        // far past the ceiling below however busy the machine is (the sample clone's 2.5 s would not be).
        let id = "3f1d2c4b-0000-4000-8000-000000000000"
        let started = Date()
        let outcome = try await ToolProcess.run(
            #""$IMODELS" wait \#(id) --timeout 50s \#(full ? "> /dev/full" : ">&-")"#)
        #expect(outcome.exited)
        #expect(outcome.status == 1)
        // The wait stopped long before its timeout; it takes well under a second when the machine is idle.
        #expect(Date().timeIntervalSince(started) < 30, "a generous ceiling, well below the 50 s timeout")
        if full { #expect(outcome.standardError.contains("; stopped waiting for the iModel \(id) ")) }
    }

    @Test("standard output closed: nothing is sent (a clone is not started when its id could not be printed)")
    func nothingSent() async throws {
        let outcome = try await ToolProcess.run(#""$IMODELS" clone --verbose >&-"#)
        #expect(outcome.status == 1)
        #expect(!outcome.standardError.contains("cloneIModel"))
    }
}
