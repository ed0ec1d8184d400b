/// Random numbers for jitter: seeded (SplitMix64) for reproducible runs, or the system generator.
final class JitterSource: Sendable {
    private let state: Locked<UInt64>?

    /// Creates a source; `seed == nil` uses the system's random numbers.
    init(seed: UInt64?) {
        state = seed.map { Locked($0) }
    }

    /// A number in `0..<1`.
    func unit() -> Double {
        guard let state else { return Double.random(in: 0..<1) }
        let bits = state.withLock { value -> UInt64 in
            value &+= 0x9E37_79B9_7F4A_7C15
            var z = value
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return Double(bits >> 11) / Double(1 << 53)
    }
}
