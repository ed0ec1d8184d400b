import Foundation

/// A continuation token of the simulator's lists: the id of the last item already returned, and where it was.
///
/// Written as `sim-<hex of the id's UTF-8>.<position>`; opaque to clients, who must send it back as received.
struct PageCursor: Equatable {
    /// The id of the last item of the previous page.
    var id: String
    /// That item's index when the token was made, used only when the item is gone.
    var position: Int

    init(id: String, position: Int) {
        self.id = id
        self.position = position
    }

    /// Reads a token, or returns `nil` for one the simulator did not make.
    init?(token: String) {
        guard token.hasPrefix("sim-") else { return nil }
        let parts = token.dropFirst(4).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let position = Int(parts[1]), position >= 0, parts[0].count % 2 == 0 else {
            return nil
        }
        var bytes: [UInt8] = []
        var index = parts[0].startIndex
        while index < parts[0].endIndex {
            let next = parts[0].index(index, offsetBy: 2)
            guard let byte = UInt8(parts[0][index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        guard let id = String(bytes: bytes, encoding: .utf8) else { return nil }
        self.id = id
        self.position = position
    }

    /// The token's text.
    var token: String {
        let hex = id.utf8.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }
        return "sim-\(hex.joined()).\(position)"
    }

    /// Where the next page starts in `ids` (the list as it is now): right after the named item, or at its old
    /// position when it is no longer there.
    func offset(in ids: [String]) -> Int {
        if let index = ids.firstIndex(of: id) { return index + 1 }
        return min(position, ids.count)
    }
}
