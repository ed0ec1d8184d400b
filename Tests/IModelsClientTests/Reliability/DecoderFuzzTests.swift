import Foundation
import IModelsTestingTraits
import Testing

@testable import IModelsClient

/// Every decoder of the client is fed random and mutated documents with a fixed seed per decoder; none may crash,
/// every failure must be the client's typed error, and whatever decodes must re-encode stably.
///
/// The count per decoder comes from `IMODELS_FUZZ_COUNT` (default 100,000; CI's thread-sanitizer pass sets 2000).
/// A crash stops the test process; rerun one decoder with `swift test --filter "DecoderFuzzTests"` and the same
/// count to reproduce it, since the stream of documents depends only on the decoder's seed and the count.
@Suite(.verifiesStubTransports) struct DecoderFuzzTests {
    /// Documents per decoder.
    static let count = Int(ProcessInfo.processInfo.environment["IMODELS_FUZZ_COUNT"] ?? "") ?? 100_000

    /// Feeds `count` documents to one decoder: a mix of byte-level mutations and splices of the documented
    /// examples, structure-aware mutations of them, and random bytes and JSON. The documents are decoded on
    /// ``CPUBoundWork``'s queue, so the fuzzing never starves the other suites; the checks run here.
    @Test(arguments: FuzzedDecoder.allCases)
    func randomAndMutatedDocumentsNeverCrashTheDecoder(_ decoder: FuzzedDecoder) async throws {
        let tally = try await CPUBoundWork.run { try Self.fuzz(decoder) }
        for seed in tally.undecodedSeeds {
            Issue.record("\(decoder): a seed does not decode: \(seed)")
        }
        print(
            "decoder fuzz: \(decoder.rawValue): \(Self.count) documents, \(tally.decoded) decoded, \(tally.refused) refused"
        )
        #expect(
            tally.problems == 0,
            "\(decoder): \(tally.problems) problems; the first:\n  \(tally.examples.joined(separator: "\n  "))")
        if Self.count >= 100 {
            #expect(tally.decoded > 0, "\(decoder): no mutated document decoded, so the mutations are not meaningful")
            #expect(tally.refused > 0, "\(decoder): no document was refused, so the mutations broke nothing")
        }
    }

    /// What one decoder's fuzzing found.
    private struct Tally: Sendable {
        var undecodedSeeds: [String] = []
        var decoded = 0
        var refused = 0
        var problems = 0
        /// The first few problems, with their documents.
        var examples: [String] = []
    }

    private static func fuzz(_ decoder: FuzzedDecoder) throws -> Tally {
        var tally = Tally()
        let seeds = try decoder.seeds()
        let decode = decoder.makeDecoder()
        tally.undecodedSeeds = seeds.filter { decode($0) != .decoded }.map(text)
        var documents = try FuzzDocuments(
            seeds: seeds, json: decoder.isJSON, donors: try FuzzedDecoder.jsonValue.seeds(),
            randomText: { decoder.randomText(using: &$0) })
        var random = FuzzRandom(seed: decoder.seed)
        for _ in 0..<count {
            let (document, tree) = documents.next(using: &random)
            let decorated = decoder.decorate(document, using: &random)
            switch decode(decorated) {
            case .decoded:
                tally.decoded += 1
                documents.keep(tree, size: document.count, using: &random)
            case .refused:
                tally.refused += 1
            case .problem(let problem):
                tally.problems += 1
                if tally.examples.count < 3 { tally.examples.append("\(problem)\n    document: \(text(decorated))") }
            }
        }
        return tally
    }

    /// Foundation's parser, which every decoder of the client runs first, admits 512 levels of nesting and refuses
    /// 513, in `JSONSerialization` and `JSONDecoder` alike; the client relies on it (and ``JSONValue`` stops at 64).
    @Test func foundationRefusesNestingPast512Levels() throws {
        #expect((try? JSONSerialization.jsonObject(with: Self.arrays(512))) != nil)
        #expect((try? JSONSerialization.jsonObject(with: Self.arrays(513))) == nil)
        #expect((try? JSONSerialization.jsonObject(with: Self.objects(513))) == nil)
        #expect(try JSONDecoder().decode(Nesting.self, from: Self.arrays(512)).depth == 512)
        let error = try #require(throws: DecodingError.self) {
            try JSONDecoder().decode(Nesting.self, from: Self.arrays(513))
        }
        guard case .dataCorrupted = error else {
            Issue.record("expected dataCorrupted, got \(error)")
            return
        }
    }

    /// How deep a document of nested arrays goes, decoded without type probes.
    private struct Nesting: Decodable {
        var depth: Int

        init(from decoder: any Decoder) throws {
            guard var array = try? decoder.unkeyedContainer() else {
                depth = 0
                return
            }
            depth = 1 + (array.isAtEnd ? 0 : try array.decode(Nesting.self).depth)
        }
    }

    /// Documents nested 10,000 levels deep (arrays, objects, and either inside a documented example) are refused
    /// with the decoder's error, never a stack overflow.
    @Test(arguments: FuzzedDecoder.allCases)
    func documentsNested10000LevelsDeepAreRefused(_ decoder: FuzzedDecoder) throws {
        let depth = 10_000
        var documents = [Self.arrays(depth), Self.objects(depth)]
        if decoder.isJSON, case .object(var members) = try FuzzJSON(parsing: try decoder.seeds()[0]),
            !members.isEmpty
        {
            for deep in documents {
                members[0].value = .verbatim(String(decoding: deep, as: UTF8.self))
                documents.append(Data(FuzzJSON.object(members).bytes))
            }
        }
        let decode = decoder.makeDecoder()
        for document in documents {
            #expect(decode(document) == .refused, "\(decoder): \(Self.text(document))")
        }
    }

    /// `[[…1…]]`, `levels` deep.
    private static func arrays(_ levels: Int) -> Data {
        Data(String(repeating: "[", count: levels).utf8) + Data("1".utf8)
            + Data(String(repeating: "]", count: levels).utf8)
    }

    /// `{"a":{"a":…1…}}`, `levels` deep.
    private static func objects(_ levels: Int) -> Data {
        Data(String(repeating: #"{"a":"#, count: levels).utf8) + Data("1".utf8)
            + Data(String(repeating: "}", count: levels).utf8)
    }

    /// The start of a document, for a failure message.
    private static func text(_ document: Data) -> String {
        let text = String(decoding: document.prefix(400), as: UTF8.self)
        return document.count > 400 ? text + "… (\(document.count) bytes)" : text
    }
}
