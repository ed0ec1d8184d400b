import Foundation

/// A seeded generator of random and mutated documents for decoder fuzzing (SplitMix64).
struct FuzzRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }

    mutating func bytes(_ count: Int) -> Data {
        Data((0..<count).map { _ in UInt8(truncatingIfNeeded: next()) })
    }

    /// A copy of `document` with a few random edits: byte flips, deletions, insertions of JSON-significant
    /// characters, truncation, duplication of a slice, or type swaps of values.
    mutating func mutate(_ document: Data) -> Data {
        var bytes = [UInt8](document)
        let tokens: [[UInt8]] = [
            "{", "}", "[", "]", "\"", ":", ",", "null", "true", "-1", "1e999", "\"\\u0000\"", "{}", "[]",
        ]
        .map { Array($0.utf8) }
        for _ in 0..<(1 + below(4)) {
            guard !bytes.isEmpty else {
                bytes = tokens[below(tokens.count)]
                continue
            }
            let position = below(bytes.count)
            switch below(6) {
            case 0: bytes[position] = UInt8(truncatingIfNeeded: next())
            case 1: bytes.remove(at: position)
            case 2: bytes.insert(contentsOf: tokens[below(tokens.count)], at: position)
            case 3: bytes = Array(bytes.prefix(position))
            case 4:
                let end = min(bytes.count, position + below(32))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            default:
                bytes.replaceSubrange(
                    position..<min(bytes.count, position + below(8)), with: tokens[below(tokens.count)])
            }
        }
        return Data(bytes)
    }
}
