import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Measures wall time and the CPU time the whole process used (user and system, every thread: the client's event
/// loops and libcurl's thread count too), as medians of several repetitions measured in turns.
enum CPUClock {
    /// Wall and CPU seconds of one run.
    struct Sample {
        var wall: Double
        var cpu: Double
    }

    /// The process's CPU time so far, in seconds.
    static func now() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// For each body, the median wall time and the median CPU time of `repetitions` runs, measured in turns.
    static func interleavedMedians(repetitions: Int, _ bodies: [() async throws -> Void]) async throws -> [Sample] {
        var walls = Array(repeating: [Double](), count: bodies.count)
        var cpus = Array(repeating: [Double](), count: bodies.count)
        let clock = ContinuousClock()
        for _ in 0..<repetitions {
            for (index, body) in bodies.enumerated() {
                let cpuBefore = now()
                let elapsed = try await clock.measure { try await body() }
                cpus[index].append(now() - cpuBefore)
                walls[index].append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            }
        }
        return zip(walls, cpus).map { Sample(wall: $0.sorted()[repetitions / 2], cpu: $1.sorted()[repetitions / 2]) }
    }
}
