import Foundation
import IModelsClient
import IModelsTesting
import IModelsTestingTraits
import Testing

/// `PageSequence`, through the paged lists of the iModels API: `_links.next` is followed verbatim, lazily, on the base
/// URL's origin only (API.md 1.3, DESIGN.md "Security").
@Suite(.verifiesStubTransports) struct PageSequenceTests {
    typealias F = IModelsFixtures

    private func changesetsPage(_ indexes: ClosedRange<Int>, next: String?) -> String {
        let items = indexes.map { #"{"id":"cs\#($0)","index":\#($0)}"# }.joined(separator: ",")
        let link = next.map { #"{"href":"\#($0)"}"# } ?? "null"
        return #"{"changesets":[\#(items)],"_links":{"self":null,"next":\#(link)}}"#
    }

    @Test func threeChangesetPagesAreFollowedViaTheNextLinks() async throws {
        let stub = StubTransport()
        let second = "\(F.base)/imodels/m1/changesets?$top=2&$continuationToken=opaque%2Btoken%3D%3D"
        let third = "\(F.base)/imodels/m1/changesets?$top=2&$continuationToken=t3"
        stub.enqueue(.get, "/imodels/m1/changesets", json: changesetsPage(1...2, next: second))
        stub.enqueue(.get, "/imodels/m1/changesets", json: changesetsPage(3...4, next: third))
        stub.enqueue(.get, "/imodels/m1/changesets", json: changesetsPage(5...5, next: nil))
        let changesets = try await makeClient(stub).iModels.changesets(of: "m1", top: 2).collect()
        #expect(changesets.map(\.index) == [1, 2, 3, 4, 5])
        #expect(
            F.lines(stub) == [
                "GET \(F.base)/imodels/m1/changesets?$top=2", "GET \(second)", "GET \(third)",
            ], "the next links are sent verbatim")
        for request in stub.requests { expectIModelsHeaders(request, hasBody: false) }
        try stub.verify()
    }

    @Test func threeIModelPagesKeepThePreferHeader() async throws {
        let stub = StubTransport()
        let second = "\(F.base)/imodels?iTwinId=itwin-1&$continuationToken=p2"
        let third = "\(F.base)/imodels?iTwinId=itwin-1&$continuationToken=p3"
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["a", "b"], next: second))
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["c"], next: third))
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["d"]))
        let ids = try await makeClient(stub).iModels.iModels(in: "itwin-1").collect().map(\.id)
        #expect(ids == ["a", "b", "c", "d"])
        #expect(F.lines(stub) == ["GET \(F.base)/imodels?iTwinId=itwin-1", "GET \(second)", "GET \(third)"])
        #expect(stub.requests.allSatisfy { $0.headers["Prefer"] == "return=minimal" })
        try stub.verify()
    }

    @Test func pagesAreFetchedLazily() async throws {
        let stub = StubTransport()
        stub.enqueue(
            .get, "/imodels/m1/changesets", json: changesetsPage(1...2, next: "\(F.base)/imodels/m1/changesets?p=2"))
        stub.enqueue(.get, "/imodels/m1/changesets", json: changesetsPage(3...3, next: nil))
        var iterator = makeClient(stub).iModels.changesets(of: "m1").makeAsyncIterator()
        #expect(try await iterator.next()?.index == 1)
        #expect(try await iterator.next()?.index == 2)
        #expect(stub.requests.count == 1, "the second page is not asked for before it is needed")
        #expect(try await iterator.next()?.index == 3)
        #expect(try await iterator.next() == nil)
        #expect(stub.requests.count == 2)
        try stub.verify()
    }

    @Test func aRepeatedNextLinkStops() async throws {
        let stub = StubTransport()
        let second = "\(F.base)/imodels/m1/changesets?$continuationToken=again"
        stub.enqueue(.get, "/imodels/m1/changesets", json: changesetsPage(1...1, next: second))
        stub.enqueue(.get, "/imodels/m1/changesets", json: changesetsPage(2...2, next: second))
        let indexes = try await makeClient(stub).iModels.changesets(of: "m1").collect().map(\.index)
        #expect(indexes == [1, 2])
        #expect(F.lines(stub) == ["GET \(F.base)/imodels/m1/changesets", "GET \(second)"])
        try stub.verify()
    }

    @Test func aNextLinkBackToTheFirstPageStops() async throws {
        let stub = StubTransport()
        let first = "\(F.base)/imodels/m1/changesets?$top=1"
        stub.enqueue(.get, "/imodels/m1/changesets", json: changesetsPage(1...1, next: first))
        stub.enqueue(.get, "/imodels/m1/changesets", json: changesetsPage(1...1, next: nil))  // must stay unused
        let indexes = try await makeClient(stub).iModels.changesets(of: "m1", top: 1).collect().map(\.index)
        #expect(indexes == [1], "the first page's items are not repeated")
        #expect(F.lines(stub) == ["GET \(first)"])
        #expect(stub.removeUnusedStubs().count == 1)
    }

    @Test func aLinkRepeatedAfterAnotherPageStopsToo() async throws {
        let stub = StubTransport()
        let second = "\(F.base)/imodels/m1/changesets?t=2"
        let third = "\(F.base)/imodels/m1/changesets?t=3"
        stub.enqueue(.get, "/imodels/m1/changesets", json: changesetsPage(1...1, next: second))
        stub.enqueue(.get, "/imodels/m1/changesets", json: changesetsPage(2...2, next: third))
        stub.enqueue(.get, "/imodels/m1/changesets", json: changesetsPage(3...3, next: second))
        let indexes = try await makeClient(stub).iModels.changesets(of: "m1").collect().map(\.index)
        #expect(indexes == [1, 2, 3])
        #expect(stub.requests.count == 3)
        try stub.verify()
    }

    @Test(arguments: [
        "https://evil.example.com/imodels/m1/changesets?page=2",  // another host
        "http://api.example.test/imodels/m1/changesets?page=2",  // another scheme
        "https://api.example.test:8443/imodels/m1/changesets?page=2",  // another port
        "https://api.example.test.evil.example.com/imodels/m1/changesets",  // a look-alike host
    ])
    func aNextLinkOnAnotherOriginIsUntrustedAndNeverSent(_ link: String) async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/m1/changesets", json: changesetsPage(1...2, next: link))
        stub.enqueue(.get, "/imodels/m1/changesets", json: changesetsPage(3...3, next: nil))  // must stay unused
        var received: [Int] = []
        let error = await captureError {
            for try await changeset in makeClient(stub).iModels.changesets(of: "m1") {
                received.append(changeset.index)
            }
        }
        guard case .untrustedURL(let url)? = error else {
            Issue.record("expected untrustedURL, got \(String(describing: error))")
            return
        }
        #expect(url.absoluteString == link)
        #expect(received == [1, 2], "the trusted page's items were delivered first")
        #expect(F.lines(stub) == ["GET \(F.base)/imodels/m1/changesets"], "the transport never saw the link")
        #expect(stub.removeUnusedStubs().count == 1)
        #expect(error?.description.contains(testToken) == false)
    }

    @Test func anUntrustedNextLinkOfTheIModelsListIsRefusedToo() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["a"], next: "https://evil.example.com/imodels?p=2"))
        let error = await captureError { _ = try await makeClient(stub).iModels.iModels(in: "itwin-1").collect() }
        guard case .untrustedURL? = error else {
            Issue.record("expected untrustedURL, got \(String(describing: error))")
            return
        }
        #expect(stub.requests.count == 1)
    }

    @Test func aMissingLinksObjectEndsTheList() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/m1/changesets", json: #"{"changesets":[{"id":"c1","index":1}]}"#)
        let indexes = try await makeClient(stub).iModels.changesets(of: "m1").collect().map(\.index)
        #expect(indexes == [1])
        try stub.verify()
    }

    @Test func aPageWithoutItsCollectionIsADecodingError() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/m1/changesets", json: #"{"iModels":[]}"#)
        let error = await captureError { _ = try await makeClient(stub).iModels.changesets(of: "m1").collect() }
        guard case .decoding(let failure)? = error else {
            Issue.record("expected a decoding error, got \(String(describing: error))")
            return
        }
        #expect(failure.operation == "listChangesets")
        #expect(failure.rawBodyText == #"{"iModels":[]}"#)
    }

    /// A relative `_links.next` is resolved against the base URL, then checked like any link (issue 17, defect 8).
    @Test func aRelativeNextLinkIsResolvedAgainstTheBaseURLAndFollowed() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["a"], next: "/imodels?iTwinId=t&$continuationToken=2"))
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["b"]))
        let ids = try await makeClient(stub).iModels.iModels(in: "t").collect().map(\.id)
        #expect(ids == ["a", "b"])
        #expect(
            F.lines(stub) == [
                "GET \(F.base)/imodels?iTwinId=t", "GET \(F.base)/imodels?iTwinId=t&$continuationToken=2",
            ])
        try stub.verify()
    }

    /// A relative link that names another host (`//host/…`) resolves to that host: untrusted, never sent.
    @Test func aNetworkPathNextLinkToAnotherHostIsStillUntrusted() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["a"], next: "//evil.example.test/imodels?p=2"))
        let error = await captureError { _ = try await makeClient(stub).iModels.iModels(in: "t").collect() }
        guard case .untrustedURL(let url)? = error else {
            Issue.record("expected untrustedURL, got \(String(describing: error))")
            return
        }
        #expect(url.host == "evil.example.test")
        #expect(stub.requests.count == 1)
        try stub.verify()
    }
}
