/// The `X-Correlation-Id` sent with requests.
///
/// Each SDK call generates one (shared by its retries) unless you bind your own for a scope:
/// ```swift
/// try await CorrelationID.$current.withValue("order-1234") { try await client.iModels.iModel(id) }
/// ```
public enum CorrelationID {
    /// The correlation id bound to the current task, if any.
    @TaskLocal public static var current: String?
}

extension CorrelationID {
    /// A new random id in the lowercase UUID version 4 form (`8-4-4-4-12` hex digits).
    ///
    /// Built from two words of the system's random generator rather than `UUID()`, which on Linux opens
    /// `/dev/urandom` and formats with `printf` on every call: this runs once per SDK call.
    static func generate() -> String {
        var random = SystemRandomNumberGenerator()
        let high = (random.next() as UInt64) & 0xFFFF_FFFF_FFFF_0FFF | 0x0000_0000_0000_4000
        let low = (random.next() as UInt64) & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
        let hex = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(36)
        for (index, word) in [high, low].enumerated() {
            for nibble in 0..<16 {
                let position = index * 16 + nibble
                if position == 8 || position == 12 || position == 16 || position == 20 {
                    text.append(UInt8(ascii: "-"))
                }
                text.append(hex[Int((word >> (60 - 4 * UInt64(nibble))) & 0xF)])
            }
        }
        return String(decoding: text, as: UTF8.self)
    }
}
