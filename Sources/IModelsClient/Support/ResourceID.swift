/// How the services compare resource ids: as GUIDs, without regard to case (an id sent in upper case comes back in
/// lower case in `clonedFrom`, `forkedFrom` and lists). Every comparison of ids the SDK makes goes through here.
enum ResourceID {
    /// Whether two ids name the same resource: equal when ASCII letters are compared without case.
    static func same(_ first: String, _ second: String) -> Bool {
        first.utf8.count == second.utf8.count && key(first) == key(second)
    }

    /// The id with ASCII letters in lower case: equal keys mean the same resource (for sets and dictionaries).
    static func key(_ id: String) -> String {
        guard id.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return id }
        return String(
            decoding: id.utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 },
            as: UTF8.self)
    }
}
