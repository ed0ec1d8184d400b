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

    /// The medians of `repetitions` runs of two bodies measured in turns (first, second, first, ...), so that a
    /// change in the machine's load during the measurement weighs on both sides alike.
    static func interleavedMedians(
        repetitions: Int, _ first: () async throws -> Void, _ second: () async throws -> Void
    ) async rethrows -> (first: Double, second: Double) {
        var firstSamples: [Double] = []
        var secondSamples: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<repetitions {
            firstSamples.append(seconds(try await clock.measure { try await first() }))
            secondSamples.append(seconds(try await clock.measure { try await second() }))
        }
        firstSamples.sort()
        secondSamples.sort()
        return (firstSamples[repetitions / 2], secondSamples[repetitions / 2])
    }

    /// The medians, in seconds, of `repetitions` runs of each body, measured in turns.
    static func interleavedMedians(repetitions: Int, _ bodies: [() async throws -> Void]) async throws -> [Double] {
        var samples = Array(repeating: [Double](), count: bodies.count)
        let clock = ContinuousClock()
        for _ in 0..<repetitions {
            for (index, body) in bodies.enumerated() {
                samples[index].append(seconds(try await clock.measure { try await body() }))
            }
        }
        return samples.map { $0.sorted()[repetitions / 2] }
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
