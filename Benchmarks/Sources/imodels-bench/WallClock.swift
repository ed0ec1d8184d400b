/// Measures wall time: the median of several repetitions, so a stray slow run does not decide the figure.
enum WallClock {
    /// The median duration of `repetitions` runs of `body`, in seconds.
    static func median(repetitions: Int, _ body: () async throws -> Void) async rethrows -> Double {
        var samples: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<repetitions {
            let elapsed = try await clock.measure { try await body() }
            samples.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        samples.sort()
        return samples[samples.count / 2]
    }
}
