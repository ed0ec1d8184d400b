/// Deterministic, GUID-shaped ids and 40-hex changeset ids (SplitMix64), so a run with the same seed gives the same
/// ids.
struct SimulatorIds {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    private static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        let padded = String(repeating: "0", count: max(0, 16 - text.count)) + text
        return String(padded.suffix(digits))
    }

    /// A new version-4-shaped GUID, for example `"5e19bee0-3aea-4355-a9f0-c6df9989ee7d"`.
    mutating func guid() -> String {
        let high = Self.hex(next(), digits: 16)
        let low = Self.hex(next(), digits: 16)
        let characters = Array(high + low)
        var text = String(characters[0..<8]) + "-" + String(characters[8..<12]) + "-4" + String(characters[13..<16])
        text += "-a" + String(characters[17..<20]) + "-" + String(characters[20..<32])
        return text
    }

    /// A new 40-hex changeset id.
    mutating func changesetId() -> String {
        (0..<3).map { _ in Self.hex(next(), digits: 16) }.joined().prefix(40).description
    }
}
