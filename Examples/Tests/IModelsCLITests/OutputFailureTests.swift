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
        let started = Date()
        let outcome = try await ToolProcess.run(#""$IMODELS" wait \#(full ? "> /dev/full" : ">&-")"#)
        #expect(outcome.exited)
        #expect(outcome.status == 1)
        // The sample clone is completed 2.5 s after the start: the wait did not go on to the end.
        #expect(Date().timeIntervalSince(started) < 2.4)
        if full { #expect(outcome.standardError.contains("; stopped waiting for ")) }
    }

    @Test("standard output closed: nothing is sent (a clone is not started when its id could not be printed)")
    func nothingSent() async throws {
        let outcome = try await ToolProcess.run(#""$IMODELS" clone --verbose >&-"#)
        #expect(outcome.status == 1)
        #expect(!outcome.standardError.contains("cloneIModel"))
    }
}
