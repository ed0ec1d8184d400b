import Foundation
import IModelsClient
import IModelsTesting
import Testing

@Suite struct SimulatorChangesetsTests {
    private func indexes(_ response: SimulatorResponse) throws -> [Int] {
        try response.items("changesets").compactMap { $0["index"] as? Int }
    }

    private func list(_ world: SimulatorFixture<SimulatorSeeds>, _ query: [(String, String)]) async throws
        -> SimulatorResponse
    {
        try await world.send(.get, "/imodels/\(world.source)/changesets", query: query)
    }

    @Test func changesetsAreListedOldestFirstWithTheirFields() async throws {
        let world = SimulatorFixture.bridges(changesetCount: 4)
        let response = try await list(world, [])
        #expect(response.status == 200)
        let items = try response.items("changesets")
        #expect(items.compactMap { $0["index"] as? Int } == [1, 2, 3, 4])
        #expect(items.compactMap { $0["displayName"] as? String } == ["1", "2", "3", "4"])
        let changesetIds = ids(items)
        #expect(changesetIds.count == 4)
        #expect(Set(changesetIds).count == 4)
        for id in changesetIds {
            #expect(id.count == 40 && id.allSatisfy(\.isHexDigit), "\(id)")
        }
        #expect(items.compactMap { $0["parentId"] as? String } == [""] + changesetIds.dropLast())
        #expect(changesetIds == world.simulator.changesets(of: world.source).map(\.id))
        let first = try #require(items.first)
        #expect(first["state"] as? String == "fileUploaded")
        #expect(first["pushDateTime"] is String)
        let selfLink = ((first["_links"] as? [String: Any])?["self"] as? [String: Any])?["href"] as? String
        #expect(selfLink == "\(productionOrigin)/imodels/\(world.source)/changesets/\(changesetIds[0])")
    }

    @Test func anIModelWithoutChangesetsListsNone() async throws {
        let world = SimulatorFixture.bridges(changesetCount: 0)
        let response = try await list(world, [])
        #expect(try response.items("changesets").isEmpty)
        #expect(try response.link("next") == nil)
    }

    @Test func changesetsPageWithTopAndNextLinks() async throws {
        let world = SimulatorFixture.bridges(changesetCount: 10)
        var next = URL(string: "\(productionOrigin)/imodels/\(world.source)/changesets?$top=3")
        var pages: [[Int]] = []
        while let url = next, pages.count < 10 {
            let response = try await world.send(.get, url: url)
            pages.append(try indexes(response))
            next = try response.link("next")
        }
        #expect(pages == [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10]])
    }

    @Test func afterIndexAndLastIndexSelectARange() async throws {
        let world = SimulatorFixture.bridges(changesetCount: 10)
        #expect(try indexes(try await list(world, [("afterIndex", "7")])) == [8, 9, 10])
        #expect(try indexes(try await list(world, [("lastIndex", "3")])) == [1, 2, 3])
        #expect(try indexes(try await list(world, [("afterIndex", "3"), ("lastIndex", "5")])) == [4, 5])
        #expect(try indexes(try await list(world, [("afterIndex", "10")])).isEmpty)
        #expect(try indexes(try await list(world, [("lastIndex", "0")])).isEmpty)
        #expect(try indexes(try await list(world, [("afterIndex", "0")])) == Array(1...10))
    }

    @Test func aRangePagesToo() async throws {
        let world = SimulatorFixture.bridges(changesetCount: 10)
        let first = try await list(world, [("afterIndex", "2"), ("lastIndex", "8"), ("$top", "4")])
        #expect(try indexes(first) == [3, 4, 5, 6])
        let second = try await world.send(.get, url: try #require(try first.link("next")))
        #expect(try indexes(second) == [7, 8])
        #expect(try second.link("next") == nil)
    }

    @Test func orderByIndexDescendingListsNewestFirst() async throws {
        let world = SimulatorFixture.bridges(changesetCount: 5)
        #expect(try indexes(try await list(world, [("$orderBy", "index desc")])) == [5, 4, 3, 2, 1])
        #expect(try indexes(try await list(world, [("$orderBy", "index asc")])) == [1, 2, 3, 4, 5])
        #expect(try indexes(try await list(world, [("$orderBy", "index")])) == [1, 2, 3, 4, 5])
        let latest = try await list(world, [("$orderBy", "index desc"), ("$top", "1")])
        #expect(try indexes(latest) == [5])
        let older = try await world.send(.get, url: try #require(try latest.link("next")))
        #expect(try indexes(older) == [4])
        let descendingRange = try await list(world, [("$orderBy", "index desc"), ("lastIndex", "3")])
        #expect(try indexes(descendingRange) == [3, 2, 1])
    }

    @Test(arguments: [
        ("$orderBy", "pushDateTime"), ("$orderBy", "index sideways"), ("afterIndex", "-1"),
        ("lastIndex", "x"), ("$top", "0"),
    ])
    func invalidParametersAre422(_ parameter: (String, String)) async throws {
        let world = SimulatorFixture.bridges(changesetCount: 3)
        let response = try await list(world, [parameter])
        #expect(response.status == 422)
        #expect(try response.errorCode() == "InvalidiModelsRequest")
        #expect(try response.detailTargets() == [parameter.0])
    }

    @Test func aChangesetIsFoundByIdAndByIndex() async throws {
        let world = SimulatorFixture.bridges(changesetCount: 4)
        let third = world.simulator.changesets(of: world.source)[2]
        let byId = try await world.send(.get, "/imodels/\(world.source)/changesets/\(third.id)")
        #expect(byId.status == 200)
        let changeset = try #require(try byId.object()["changeset"] as? [String: Any])
        #expect(changeset["id"] as? String == third.id)
        #expect(changeset["index"] as? Int == 3)
        #expect(changeset["parentId"] as? String == world.simulator.changesets(of: world.source)[1].id)

        let byIndex = try await world.send(.get, "/imodels/\(world.source)/changesets/3")
        #expect(byIndex.status == 200)
        #expect((try byIndex.object()["changeset"] as? [String: Any])?["id"] as? String == third.id)
    }

    @Test(arguments: ["0", "5", "99", "0123456789abcdef0123456789abcdef01234567"])
    func anUnknownChangesetIs404ChangesetNotFound(_ key: String) async throws {
        let world = SimulatorFixture.bridges(changesetCount: 4)
        let response = try await world.send(.get, "/imodels/\(world.source)/changesets/\(key)")
        #expect(response.status == 404)
        #expect(try response.errorCode() == "ChangesetNotFound")
    }

    @Test func seededChangesetsArePushedInOrderBeforeNow() async throws {
        let world = SimulatorFixture.bridges(changesetCount: 3)
        let changesets = world.simulator.changesets(of: world.source)
        let pushed = changesets.compactMap(\.pushDateTime)
        #expect(pushed.count == 3)
        #expect(pushed == pushed.sorted())
        #expect(pushed.allSatisfy { $0 <= world.clock.now })
        let model = try #require(world.simulator.iModel(world.source))
        #expect(model.lastChangesetPushDateTime == pushed.last)
    }
}
