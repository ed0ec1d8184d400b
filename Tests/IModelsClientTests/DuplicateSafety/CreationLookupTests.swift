import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

/// A lookup reads every page of its list, dates the window with the first page's `Date` header, and asks `isOurs`
/// only about candidates created inside that window.
@Suite(.verifiesStubTransports) struct CreationLookupTests {
    static let base = "https://api.example.test"

    /// One page of `{"things": [...]}` with ids and creation dates.
    private func page(_ items: [(String, String?)], next: String? = nil) -> String {
        let things = items.map { id, created in
            #"{"id":"\#(id)""# + (created.map { #","createdDateTime":"\#($0)""# } ?? "") + "}"
        }
        let link = next.map { #"{"href":"\#($0)"}"# } ?? "null"
        return #"{"things":[\#(things.joined(separator: ","))],"_links":{"next":\#(link)}}"#
    }

    struct Thing: Decodable, Sendable {
        var id: String
        var createdDateTime: Date?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            createdDateTime = container.decodeServiceDate(forKey: .createdDateTime)
        }

        private enum CodingKeys: String, CodingKey { case id, createdDateTime }
    }

    private func lookup(asked: Locked<[String]>, ours: Set<String>) -> CreationLookup<Thing> {
        CreationLookup(
            list: Endpoint(
                operation: "listThings", api: .iModels, method: .get, target: .path([.literal("things")])),
            collectionKey: "things", createdAt: { $0.createdDateTime },
            isOurs: { thing, _ in
                asked.withLock { $0.append(thing.id) }
                return ours.contains(thing.id)
            })
    }

    @Test func onlyCandidatesCreatedInsideTheWindowAreAskedAbout() async throws {
        let stub = StubTransport()
        let next = "\(Self.base)/imodels/things?page=2"
        // The service's clock is an hour ahead of this machine's: its `Date` header says so.
        let date: HTTPHeaders = ["Date": "Thu, 01 Jan 2026 01:00:00 GMT"]
        stub.enqueue(
            .get, "/imodels/things", headers: date,
            json: page(
                [("old", "2026-01-01T00:59:00Z"), ("undated", nil), ("theirs", "2026-01-01T01:00:00.2Z")], next: next))
        stub.enqueue(.get, "/imodels/things", json: page([("ours", "2026-01-01T01:00:00.1Z")]))
        let client = makeClient(stub)
        let asked = Locked<[String]>([])
        let clock = client.pipeline.clock
        let match = try await lookup(asked: asked, ours: ["ours"])
            .find(with: client.pipeline, sentAt: clock.now, failedAt: clock.now)
        guard case .found(let thing) = match else {
            Issue.record("expected one match, got \(match)")
            return
        }
        #expect(thing.id == "ours")
        #expect(asked.withLock { $0 } == ["theirs", "ours"], "created before the send, or undated: never asked")
        #expect(stub.requests.map(\.url.absoluteString) == ["\(Self.base)/imodels/things", next])
        try stub.verify()
    }

    @Test func twoOfOursWithinTheSendIntervalAreAmbiguous() async throws {
        let stub = StubTransport()
        stub.enqueue(
            .get, "/imodels/things", headers: ["Date": "Thu, 01 Jan 2026 00:00:00 GMT"],
            json: page([("a", "2026-01-01T00:00:00.1Z"), ("b", "2026-01-01T00:00:00.3Z")]))
        let client = makeClient(stub)
        let clock = client.pipeline.clock
        let match = try await lookup(asked: Locked([]), ours: ["a", "b"])
            .find(with: client.pipeline, sentAt: clock.now, failedAt: clock.now)
        guard case .ambiguous(let things) = match else {
            Issue.record("expected an ambiguous match, got \(match)")
            return
        }
        #expect(things.map(\.id) == ["a", "b"])
        try stub.verify()
    }
}
