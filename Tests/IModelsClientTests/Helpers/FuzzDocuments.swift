import Foundation

/// The stream of documents one decoder is fed, in a fixed mix: (a) byte-level mutations and splices of the seeds,
/// (b) structure-aware mutations of the parsed seeds and of earlier mutants that decoded (so edits pile up without
/// parsing anything again), and (c) random bytes and random JSON, or random text for decoders of text.
struct FuzzDocuments {
    private let seeds: [Data]
    private let mutator: FuzzJSONMutator?
    private let randomText: (inout FuzzRandom) -> Data
    /// The parsed seeds, then up to ``mutantSlots`` mutants that decoded.
    private var corpus: [FuzzJSON]
    private let seedCount: Int
    private let largestSeed: Int
    private let mutantSlots = 32
    /// The top-level key of each JSON seed (`iModel`, `error`, …), for random documents in a plausible envelope.
    private let envelopeKeys: [FuzzJSON.Text]

    /// A stream over `seeds`; JSON seeds are parsed for structure-aware mutations, with `donors` (other decoders'
    /// seeds) lending words and subtrees. `randomText` makes the random share of a text decoder.
    init(seeds: [Data], json: Bool, donors: [Data] = [], randomText: @escaping (inout FuzzRandom) -> Data) throws {
        self.seeds = seeds
        self.randomText = randomText
        if json {
            let trees = try seeds.map { try FuzzJSON(parsing: $0) }
            corpus = trees
            mutator = FuzzJSONMutator(seeds: trees + donors.compactMap { try? FuzzJSON(parsing: $0) })
            envelopeKeys = trees.compactMap {
                if case .object(let members) = $0 { return members.first?.key }
                return nil
            }
        } else {
            corpus = []
            mutator = nil
            envelopeKeys = []
        }
        seedCount = corpus.count
        largestSeed = seeds.map(\.count).max() ?? 0
    }

    /// The next document, with its tree when it came from a structure-aware mutation (to keep it if it decodes).
    mutating func next(using random: inout FuzzRandom) -> (document: Data, tree: FuzzJSON?) {
        let roll = random.below(100)
        guard let mutator else {
            switch roll {
            case 0..<40: return (random.mutate(random.pick(seeds)), nil)
            case 40..<45: return (random.splice(random.pick(seeds), random.pick(seeds)), nil)
            case 45..<85: return (randomText(&random), nil)
            case 85..<95: return (random.mutate(randomText(&random)), nil)
            default: return (random.bytes(random.below(64)), nil)
            }
        }
        switch roll {
        case 0..<25:
            return (random.mutate(random.pick(seeds)), nil)
        case 25..<30:
            return (random.splice(random.pick(seeds), random.pick(seeds)), nil)
        case 30..<85:
            let tree = mutator.mutate(random.pick(corpus), using: &random)
            return (Data(tree.bytes), tree)
        case 85..<92:
            var tree = mutator.value(depth: 3, using: &random)
            if !envelopeKeys.isEmpty, !random.oneIn(3) {
                tree = .object([.init(key: random.pick(envelopeKeys), value: tree)])
            }
            return (Data(tree.bytes), tree)
        case 92..<97:
            return (random.mutate(Data(mutator.mutate(random.pick(corpus), using: &random).bytes)), nil)
        default:
            return (random.bytes(random.below(128)), nil)
        }
    }

    /// Keeps a structure-aware mutant that decoded, so later mutations build on it; not one that grew much larger
    /// or deeper than the seeds, so that edits do not pile up into documents slow to write and decode.
    mutating func keep(_ tree: FuzzJSON?, size: Int, using random: inout FuzzRandom) {
        guard let tree, size <= largestSeed * 2, tree.depth <= 12 else { return }
        if corpus.count < seedCount + mutantSlots {
            corpus.append(tree)
        } else {
            corpus[seedCount + random.below(mutantSlots)] = tree
        }
    }
}
