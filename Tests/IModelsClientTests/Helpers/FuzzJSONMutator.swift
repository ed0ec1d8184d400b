/// The structure-aware mutator of the decoder fuzzing: edits a parsed seed document value by value (other types,
/// huge numbers, empty, very long and unusual Unicode strings, removed, unknown and duplicate keys, other documented
/// enum values, nulls, deep nesting, subtrees of other seeds) and makes random documents from the seeds' words.
struct FuzzJSONMutator: Sendable {
    /// The strings of every seed, keys included: a value of one field lands in another, so an enum value of one
    /// type becomes a wrong value of another.
    let words: [String]
    /// The keys of every seed, so random objects resemble documented ones.
    let keys: [String]
    /// Every subtree of every seed, for splicing.
    let donors: [FuzzJSON]
    /// ``words`` and ``keys`` with their JSON text made once.
    private let wordTexts: [FuzzJSON.Text]
    private let keyTexts: [FuzzJSON.Text]

    /// A mutator that draws words, keys and subtrees from `seeds`.
    init(seeds: [FuzzJSON]) {
        func unique(_ values: [String]) -> [String] {
            var seen = Set<String>()
            return values.filter { seen.insert($0).inserted }
        }
        func subtrees(_ node: FuzzJSON) -> [FuzzJSON] {
            switch node {
            case .array(let items): return [node] + items.flatMap(subtrees)
            case .object(let members): return [node] + members.flatMap { subtrees($0.value) }
            default: return [node]
            }
        }
        words = unique(seeds.flatMap(\.strings) + ["value"])
        keys = unique(seeds.flatMap(\.keys) + ["id"])
        donors = seeds.flatMap(subtrees) + [.null]
        wordTexts = words.map { FuzzJSON.Text($0) }
        keyTexts = keys.map { FuzzJSON.Text($0) }
    }

    /// ``oddStrings`` with their JSON text made once.
    private static let oddTexts = oddStrings.map { FuzzJSON.Text($0) }

    /// Numbers at and past the limits of `Int`, `Double` and the JSON grammar.
    static let oddNumbers: [String] = [
        "0", "-0", "1", "-1", "0.5", "1.0", "1E2", "1e+2", "2147483648", "-2147483649", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "18446744073709551616", "1e308", "1.7976931348623157e308",
        "1e309", "-1e999", "4.9e-324", "1e-400", "123456789012345678901234567890.5",
        "1" + String(repeating: "0", count: 400),
        "01", "1.", ".5", "+1", "-", "NaN", "Infinity", "0x10",
    ]

    /// Strings that are empty, very long, unusual Unicode, near-miss timestamps and URLs.
    static let oddStrings: [String] = [
        "", " ", "\u{0}", "a\u{0}b", "é", "e\u{301}", "日本語", "🏗️👷‍♀️", "🇨🇭", "\u{202E}gnirts", "\u{FEFF}bom", "\u{FFFF}",
        "\u{10FFFF}", "\\", "\"", "\n\t", String(repeating: "x", count: 10_000), String(repeating: "é", count: 3000),
        "0000-01-01T00:00:00Z", "0000-01-01T00:00:00+23:59", "0000-01-01T00:00:00.0000001-00:01",
        "9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:60-23:59", "9999-12-31T23:59:59-00:01",
        "2020-02-30T00:00:00Z", "2020-10-20T10:51:33.1234567890123Z", "2020-10-20T10:51:33+99:99",
        "2020-10-20 10:51:33", "1970-01-01T00:00:00.Z", "yesterday", "https://api.bentley.com/imodels/",
        "https://api.bentley.com/imodels/a b/c", "https://[::1", "http://x/%zz", "/", "//", "imodels", "?",
        "https://api.bentley.com/transformations/configurations/", "https://evil.example/imodels/x",
    ]

    /// Tokens written as they are: invalid escapes and bare words.
    static let verbatims: [String] = [
        #""\ud800""#, #""\udc00\ud800""#, #""\x""#, #""\u12""#, #""\u0000""#, "undefined", "True", "nul", "[,]", "{,}",
        #"{"a"}"#, "[1,]", "''",
    ]

    /// A copy of `document` with one to three edits.
    func mutate(_ document: FuzzJSON, using random: inout FuzzRandom) -> FuzzJSON {
        var document = document
        for _ in 0..<(1 + random.below(3)) { edit(&document, using: &random) }
        return document
    }

    /// Walks down from `node` to a random value and edits it.
    private func edit(_ node: inout FuzzJSON, using random: inout FuzzRandom) {
        switch node {
        case .array(var items) where !items.isEmpty && !random.oneIn(3):
            node = .null  // so `items` is uniquely referenced while it is edited
            edit(&items[random.below(items.count)], using: &random)
            node = .array(items)
        case .object(var members) where !members.isEmpty && !random.oneIn(3):
            node = .null
            edit(&members[random.below(members.count)].value, using: &random)
            node = .object(members)
        default:
            apply(to: &node, using: &random)
        }
    }

    /// One edit of the value itself.
    private func apply(to node: inout FuzzJSON, using random: inout FuzzRandom) {
        switch random.below(12) {
        case 0: node = scalar(using: &random)
        case 1: node = .number(random.pick(Self.oddNumbers))
        case 2: node = .string(random.pick(Self.oddTexts))
        case 3: node = .null
        case 4: node = .string(random.pick(wordTexts))
        case 5: node = .string(.init(wrongSpelling(of: random.pick(words), using: &random)))
        case 6: node = swappedType(node, using: &random)
        case 7, 8: editContainer(&node, using: &random)
        case 9: node = nested(node, using: &random)
        case 10: node = random.pick(donors)
        default: node = random.oneIn(4) ? .verbatim(random.pick(Self.verbatims)) : value(depth: 2, using: &random)
        }
    }

    /// A documented word spelled wrong: other case, cut short, with a suffix, or padded.
    private func wrongSpelling(of word: String, using random: inout FuzzRandom) -> String {
        switch random.below(5) {
        case 0: return word.uppercased()
        case 1: return word.lowercased()
        case 2: return String(word.dropLast(1 + random.below(max(1, word.count))))
        case 3: return word + random.pick(["s", "X", " ", "\u{0}", "é"])
        default: return " " + word + " "
        }
    }

    /// The same value in another JSON type: `5` ↔ `"5"`, `true` → `"true"`, `[x]` → `x`, `{k: v}` → `[v]`.
    private func swappedType(_ node: FuzzJSON, using random: inout FuzzRandom) -> FuzzJSON {
        switch node {
        case .number(let text): return .string(.init(text))
        case .string(let text):
            if Double(text.value) != nil { return .number(text.value) }
            return random.oneIn(2) ? .array([node]) : .bool(!text.value.isEmpty)
        case .bool(let value): return .string(value ? "true" : "false")
        case .null: return .string("null")
        case .array(let items): return items.first ?? .object([])
        case .object(let members): return .array(members.map(\.value))
        case .verbatim: return .array([])
        }
    }

    /// Removes, adds, duplicates or renames a key; removes, duplicates or adds an element; or empties the container.
    /// A scalar is wrapped in an array or an object instead.
    private func editContainer(_ node: inout FuzzJSON, using random: inout FuzzRandom) {
        switch node {
        case .object(var members):
            node = .null
            let index = random.below(members.count)
            switch members.isEmpty ? 2 : random.below(6) {
            case 0, 1: members.remove(at: index)
            case 2:
                let key: FuzzJSON.Text =
                    random.oneIn(4) ? random.pick(["unknown", "", "_links", "Id", "ID"]) : random.pick(keyTexts)
                members.append(.init(key: key, value: value(depth: 1, using: &random)))
            case 3: members.append(.init(key: members[index].key, value: scalar(using: &random)))
            case 4: members[index].key = .init(wrongSpelling(of: members[index].key.value, using: &random))
            default: members.removeAll()
            }
            node = .object(members)
        case .array(var items):
            node = .null
            let index = random.below(items.count)
            switch items.isEmpty ? 2 : random.below(4) {
            case 0: items.remove(at: index)
            case 1: items.insert(items[index], at: index)
            case 2: items.append(value(depth: 1, using: &random))
            default: items.removeAll()
            }
            node = .array(items)
        default:
            node = random.oneIn(2) ? .array([node]) : .object(["value": node])
        }
    }

    /// `node` inside arrays and objects: mostly a few levels, sometimes around and past the parser's 512-level limit.
    private func nested(_ node: FuzzJSON, using random: inout FuzzRandom) -> FuzzJSON {
        let levels = random.oneIn(50) ? random.pick([64, 65, 100, 511, 512, 513, 1000]) : 1 + random.below(8)
        var node = node
        for _ in 0..<levels {
            node = random.oneIn(2) ? .array([node]) : .object([.init(key: random.pick(keyTexts), value: node)])
        }
        return node
    }

    /// A random scalar: null, a Boolean, a number or a string.
    func scalar(using random: inout FuzzRandom) -> FuzzJSON {
        switch random.below(6) {
        case 0: return .null
        case 1: return .bool(random.oneIn(2))
        case 2: return .number(String(Int(truncatingIfNeeded: random.next()) >> random.below(64)))
        case 3: return .number(random.pick(Self.oddNumbers))
        case 4: return .string(random.pick(Self.oddTexts))
        default: return .string(random.pick(wordTexts))
        }
    }

    /// A random document of at most `depth` levels whose keys are mostly the seeds' keys.
    func value(depth: Int, using random: inout FuzzRandom) -> FuzzJSON {
        guard depth > 0, !random.oneIn(3) else { return scalar(using: &random) }
        if random.oneIn(3) {
            return .array((0..<random.below(4)).map { _ in value(depth: depth - 1, using: &random) })
        }
        return .object(
            (0..<random.below(6)).map { _ in
                .init(
                    key: random.oneIn(5) ? random.pick(wordTexts) : random.pick(keyTexts),
                    value: value(depth: depth - 1, using: &random))
            })
    }
}
