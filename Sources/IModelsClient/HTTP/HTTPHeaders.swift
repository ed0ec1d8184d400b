/// HTTP header fields with case-insensitive names.
///
/// Names keep the spelling they were first set with; lookups ignore ASCII case, so
/// `headers["retry-after"]` finds `Retry-After`. Setting a value replaces every field of that name.
///
/// `print`, `dump` and debuggers show `Authorization` and `Proxy-Authorization` as `<redacted>`.
public struct HTTPHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    /// One header field; its description and mirror show a credential's value as `<redacted>`.
    public struct Field: Sendable, Hashable {
        /// The name as it was set.
        public var name: String
        /// The value.
        public var value: String

        /// Creates a field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    private var fields: [Field] = []

    /// Creates empty headers.
    public init() {}

    /// Creates headers from name and value pairs.
    public init(_ pairs: [(String, String)]) {
        for (name, value) in pairs { add(name: name, value: value) }
    }

    /// Creates headers from a dictionary literal.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// The first value of the named field, or `nil`; setting `nil` removes the field, setting a value replaces it.
    public subscript(name: String) -> String? {
        get { fields.first { Self.equalNames($0.name, name) }?.value }
        set {
            guard let position = fields.firstIndex(where: { Self.equalNames($0.name, name) }) else {
                if let newValue { fields.append(Field(name: name, value: newValue)) }
                return
            }
            let later = fields.index(after: position)
            if fields[later...].contains(where: { Self.equalNames($0.name, name) }) {
                fields.replaceSubrange(later..., with: fields[later...].filter { !Self.equalNames($0.name, name) })
            }
            if let newValue {
                fields[position] = Field(name: name, value: newValue)
            } else {
                fields.remove(at: position)
            }
        }
    }

    /// Every value of the named field, in order.
    public func values(for name: String) -> [String] {
        fields.filter { Self.equalNames($0.name, name) }.map(\.value)
    }

    /// Appends a field without replacing existing fields of the same name.
    public mutating func add(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Whether a field with this name is present.
    public func contains(_ name: String) -> Bool {
        fields.contains { Self.equalNames($0.name, name) }
    }

    /// The number of fields.
    public var count: Int { fields.count }

    /// Iterates over the fields in order.
    public func makeIterator() -> IndexingIterator<[Field]> {
        fields.makeIterator()
    }

    /// The fields whose values are credentials, redacted wherever headers are shown: `Authorization` and
    /// `Proxy-Authorization`.
    public static let credentialNames: Set<String> = ["Authorization", "Proxy-Authorization"]

    /// A copy whose values of the fields named in `names` (by default ``credentialNames``) read `<redacted>`.
    public func redacted(_ names: Set<String> = HTTPHeaders.credentialNames) -> HTTPHeaders {
        var copy = self
        let lowered = Set(names.map { $0.lowercased() })
        for index in copy.fields.indices where lowered.contains(copy.fields[index].name.lowercased()) {
            copy.fields[index].value = "<redacted>"
        }
        return copy
    }

    /// The fields as `Name: value` lines, with credentials redacted.
    public var description: String {
        redacted().fields.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }

    /// Whether the named field holds a credential (one of ``credentialNames``, in any case).
    static func isCredential(_ name: String) -> Bool {
        credentialNames.contains { equalNames($0, name) }
    }

    /// Two headers are equal when they hold the same fields, names compared without case, in the same order.
    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { equalNames($0.name, $1.name) && $0.value == $1.value }
    }

    /// Hashes names without case, and values.
    public func hash(into hasher: inout Hasher) {
        for field in fields {
            hasher.combine(field.name.lowercased())
            hasher.combine(field.value)
        }
    }

    /// Whether two field names are equal ignoring ASCII case (field names are ASCII tokens, RFC 9110 §5.1), byte by
    /// byte without building lower-cased copies: every request looks names up several times.
    private static func equalNames(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        return zip(lhs.utf8, rhs.utf8).allSatisfy { left, right in
            left == right
                || (left | 0x20 == right | 0x20 && (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(left | 0x20))
        }
    }
}

extension HTTPHeaders: CustomDebugStringConvertible, CustomReflectable {
    /// The same as ``description``: credentials redacted.
    public var debugDescription: String { description }

    /// The fields, credentials redacted, so `dump` and debuggers do not show a token.
    public var customMirror: Mirror {
        Mirror(self, unlabeledChildren: redacted().fields, displayStyle: .collection)
    }
}

extension HTTPHeaders.Field: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `Name: value`, with the value of a credential (`Authorization`, `Proxy-Authorization`) as `<redacted>`.
    public var description: String { "\(name): \(shownValue)" }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// The name and the value, a credential's value redacted.
    public var customMirror: Mirror {
        Mirror(self, children: ["name": name, "value": shownValue], displayStyle: .struct)
    }

    private var shownValue: String { HTTPHeaders.isCredential(name) ? "<redacted>" : value }
}
