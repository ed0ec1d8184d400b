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

    /// A number in `0..<bound` (0 when `bound` is not positive).
    mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }

    /// True with probability `1 / n`.
    mutating func oneIn(_ n: Int) -> Bool { below(n) == 0 }

    /// A random element of a non-empty array.
    mutating func pick<Element>(_ elements: [Element]) -> Element { elements[below(elements.count)] }

    /// `count` random bytes.
    mutating func bytes(_ count: Int) -> Data {
        Data((0..<count).map { _ in UInt8(truncatingIfNeeded: next()) })
    }

    /// A copy of `document` with a few random edits: byte flips, deletions, insertions of JSON-significant
    /// characters, truncation, duplication of a slice, or type swaps of values.
    mutating func mutate(_ document: Data) -> Data {
        var bytes = [UInt8](document)
        let tokens = Self.tokens
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

    /// JSON-significant characters and values that ``mutate(_:)`` inserts.
    private static let tokens: [[UInt8]] = [
        "{", "}", "[", "]", "\"", ":", ",", "null", "true", "-1", "1e999", "\"\\u0000\"", "{}", "[]",
    ]
    .map { Array($0.utf8) }

    /// The head of one document joined to the tail of another, each cut at a random byte.
    mutating func splice(_ head: Data, _ tail: Data) -> Data {
        head.prefix(below(head.count + 1)) + tail.suffix(below(tail.count + 1))
    }
}
