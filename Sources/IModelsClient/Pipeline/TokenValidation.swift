/// The check every token gets before it goes into `Authorization`.
enum TokenValidation {
    /// Throws ``ITwinClientError/invalidRequest(_:)`` when `token` holds a line break or another control character:
    /// no header can carry it, and FoundationNetworking drops such an `Authorization` without a word (the request
    /// then goes out without a token). The message never quotes the token.
    static func validate(_ token: String) throws {
        guard token.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return }
        let what =
            token.utf8.contains(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") })
            ? "a line break" : "a control character"
        throw ITwinClientError.invalidRequest(
            "The access token from the token provider contains \(what), so it cannot be sent in the Authorization "
                + "header: return the token alone, on one line, without a trailing newline.")
    }
}
