import Foundation

/// Removes the access tokens a call used from what the SDK keeps of an answer: raw bodies, decoded error fields and
/// descriptions of failures, so that a server or proxy echoing the token never puts it in an error, a log event or a
/// debug print.
///
/// Every token the call sent is redacted (the one before a `401` and the refreshed one after it). Text is matched
/// byte by byte, and each byte of a token may also be spelled as a JSON escape (`\/`, `\\`, `\"`, or `\u00XX` in
/// either case), as a server may escape what it echoes; bearer tokens are ASCII (RFC 6750 `b64token`). A body is
/// redacted whole and only then cut to ``APIError/rawBodyLimit``, so a token the cut would split cannot survive as
/// its start.
struct Redaction: Sendable {
    /// What a token is replaced with.
    static let placeholder = "<redacted>"

    /// The tokens as bytes, longest first (so a token that contains another is replaced whole), no empty ones.
    private let tokens: [[UInt8]]

    /// A redaction of `tokens`.
    init(tokens: some Sequence<String>) {
        var unique: [[UInt8]] = []
        for token in tokens where !token.isEmpty && !unique.contains(Array(token.utf8)) {
            unique.append(Array(token.utf8))
        }
        self.tokens = unique.sorted { $0.count > $1.count }
    }

    private init(longestFirst tokens: [[UInt8]]) { self.tokens = tokens }

    /// This redaction and one more token (once per attempt, so without re-sorting).
    func adding(_ token: String) -> Redaction {
        let bytes = Array(token.utf8)
        if bytes.isEmpty || tokens.contains(bytes) { return self }
        var longestFirst = tokens
        longestFirst.insert(bytes, at: tokens.firstIndex { $0.count < bytes.count } ?? tokens.endIndex)
        return Redaction(longestFirst: longestFirst)
    }

    /// The text with every spelling of every token replaced by `<redacted>`.
    func redact(_ text: String) -> String {
        guard let redacted = redact(bytes: Array(text.utf8)) else { return text }
        return String(decoding: redacted, as: UTF8.self)
    }

    /// The body with every spelling of every token replaced by `<redacted>`.
    func redact(_ body: Data) -> Data {
        guard !tokens.isEmpty, let redacted = redact(bytes: Array(body)) else { return body }
        return Data(redacted)
    }

    /// What an error keeps of a body: the whole body redacted, then cut to ``APIError/rawBodyLimit``.
    func keptBody(_ body: Data) -> Data {
        Data(redact(body).prefix(APIError.rawBodyLimit))
    }

    /// The error with its decoded `message`, `target` and `details` redacted (the raw body is redacted before it is
    /// decoded; this also covers spellings the byte match cannot see).
    func redactFields(_ error: APIError) -> APIError {
        guard !tokens.isEmpty else { return error }
        var error = error
        error.message = error.message.map(redact)
        error.target = error.target.map(redact)
        for index in error.details.indices {
            error.details[index].message = error.details[index].message.map(redact)
            error.details[index].target = error.details[index].target.map(redact)
        }
        return error
    }

    /// The bytes with every token replaced, or `nil` when none occurs (the common case allocates nothing more).
    private func redact(bytes: [UInt8]) -> [UInt8]? {
        guard !tokens.isEmpty else { return nil }
        var startsAToken = [Bool](repeating: false, count: 256)
        for token in tokens { startsAToken[Int(token[0])] = true }
        startsAToken[Int(UInt8(ascii: "\\"))] = true
        let placeholder = Array(Self.placeholder.utf8)
        var output: [UInt8]?
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if startsAToken[Int(byte)],
                let end = tokens.lazy.compactMap({ Self.match($0, in: bytes, at: index) }).first
            {
                if output == nil { output = Array(bytes[..<index]) }
                output?.append(contentsOf: placeholder)
                index = end
                continue
            }
            output?.append(byte)
            index += 1
        }
        return output
    }

    /// The end of `token` spelled at `start` (each byte literally or as a JSON escape), or `nil`.
    private static func match(_ token: [UInt8], in bytes: [UInt8], at start: Int) -> Int? {
        var position = start
        for expected in token {
            guard position < bytes.count else { return nil }
            let byte = bytes[position]
            if byte == expected {
                position += 1
                continue
            }
            guard byte == UInt8(ascii: "\\"), position + 1 < bytes.count else { return nil }
            switch bytes[position + 1] {
            case UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "\""):
                guard bytes[position + 1] == expected else { return nil }
                position += 2
            case UInt8(ascii: "u"):
                guard position + 6 <= bytes.count, let value = hexValue(bytes[(position + 2)..<(position + 6)]),
                    value == UInt32(expected), expected < 0x80
                else { return nil }
                position += 6
            default:
                return nil
            }
        }
        return position
    }

    /// The value of four hexadecimal digits (either case), or `nil`.
    private static func hexValue(_ digits: ArraySlice<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        for digit in digits {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt32(digit - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt32(digit - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = value << 4 | UInt32(digit - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }
        return value
    }
}
