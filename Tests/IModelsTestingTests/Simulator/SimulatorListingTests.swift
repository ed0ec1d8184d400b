import Foundation
import IModelsClient
import IModelsTesting
import Testing

@Suite struct SimulatorListingTests {
    @Test func linksPercentEncodeAnIdWithReservedCharacters() async throws {
        let world = SimulatorFixture.bridges()
        let odd = world.simulator.addIModel(SimulatorIModelSeed(id: "odd id/1?", iTwinId: world.iTwin, name: "Odd"))
        let response = try await world.send(.get, "/imodels/odd%20id%2F1%3F")
        #expect(response.status == 200)
        let iModel = try #require(try response.object()["iModel"] as? [String: Any])
        #expect(iModel["id"] as? String == odd)
        let links = try #require(iModel["_links"] as? [String: Any])
        let changesets = try #require(links["changesets"] as? [String: Any])
        #expect(changesets["href"] as? String == "\(productionOrigin)/imodels/odd%20id%2F1%3F/changesets")
    }

    /// A world whose first iTwin holds the source and then "Model 1" ... "Model n".
    private func world(extra: Int, options: SimulatorOptions = SimulatorOptions()) -> (
        SimulatorFixture<SimulatorSeeds>, [String]
    ) {
        let world = SimulatorFixture.bridges(options: options)
        var all = [world.source]
        for number in 1...extra {
            world.clock.advance(by: .seconds(1))
            all.append(
                world.simulator.addIModel(
                    SimulatorIModelSeed(
                        iTwinId: world.iTwin, name: "Model \(number)",
                        description: number.isMultiple(of: 2) ? "even" : "odd")))
        }
        return (world, all)
    }

    @Test func getAnIModelAnswersItsDetails() async throws {
        let world = SimulatorFixture.bridges(changesetCount: 2)
        let response = try await world.send(.get, "/imodels/\(world.source)")
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"]?.hasPrefix("application/json") == true)
        let model = try #require(try response.object()["iModel"] as? [String: Any])
        #expect(model["id"] as? String == world.source)
        #expect(model["name"] as? String == "Bridge")
        #expect(model["displayName"] as? String == "Bridge")
        #expect(model["description"] as? String == "The source bridge")
        #expect(model["state"] as? String == "initialized")
        #expect(model["iTwinId"] as? String == world.iTwin)
        #expect(model["createdDateTime"] is String)
        #expect(model["lastChangesetPushDateTime"] is String)
        #expect(model["extent"] is [String: Any])
        let links = try #require(model["_links"] as? [String: Any])
        let changesets = try #require(links["changesets"] as? [String: Any])
        #expect(changesets["href"] as? String == "\(productionOrigin)/imodels/\(world.source)/changesets")
    }

    @Test func datesAreWrittenLikeTheServiceInUTCWithSevenFractionalDigits() async throws {
        let world = SimulatorFixture.bridges()
        // The clock starts at 2026-01-01T00:00:00Z; a seed with 3 changesets was created 4 hours before.
        #expect(
            try await world.iModelJSON(world.source)["createdDateTime"] as? String == "2025-12-31T20:00:00.0000000Z")
        world.clock.advance(by: .milliseconds(86_400_250))
        let created = try await world.send(.post, "/imodels", json: #"{"iTwinId":"\#(world.iTwin)","name":"Later"}"#)
        let model = try #require(try created.object()["iModel"] as? [String: Any])
        #expect(model["createdDateTime"] as? String == "2026-01-02T00:00:00.2500000Z")
        let pushed = try await world.send(.get, "/imodels/\(world.source)/changesets")
        let last = try #require(try pushed.items("changesets").last)
        #expect(last["pushDateTime"] as? String == "2026-01-01T00:00:00.0000000Z")
    }

    @Test func anUnknownOrDeletedIModelIs404IModelNotFound() async throws {
        let world = SimulatorFixture.bridges()
        let unknown = try await world.send(.get, "/imodels/no-such-imodel")
        #expect(unknown.status == 404)
        #expect(try unknown.errorCode() == "iModelNotFound")
        #expect(try await world.send(.get, "/imodels/no-such-imodel/operations/create").status == 404)
        #expect(try await world.send(.get, "/imodels/no-such-imodel/changesets").status == 404)
    }

    @Test func deleteAnswers204ThenTheIModelIs404() async throws {
        let world = SimulatorFixture.bridges()
        let id = try await world.copied(name: "Copy")
        let deleted = try await world.send(.delete, "/imodels/\(id)")
        #expect(deleted.status == 204)
        #expect(deleted.body.isEmpty)
        #expect(try await world.send(.get, "/imodels/\(id)").status == 404)
        #expect(try await world.send(.get, "/imodels/\(id)/operations/create").status == 404)
        let again = try await world.send(.delete, "/imodels/\(id)")
        #expect(again.status == 404)
        #expect(try again.errorCode() == "iModelNotFound")
        let listed = try await world.send(.get, "/imodels", query: [("iTwinId", world.iTwin)])
        #expect(ids(try listed.items("iModels")) == [world.source])
        #expect(world.simulator.iModel(id) == nil)
        #expect(world.simulator.iModels().map(\.id) == [world.source])
    }

    @Test func aDeletedSourceLeavesItsCloneAlone() async throws {
        let world = SimulatorFixture.bridges()
        let id = try await world.copied(name: "Copy")
        #expect(try await world.send(.delete, "/imodels/\(world.source)").status == 204)
        world.advance(toElapsed: 10)
        #expect(try await world.states(id) == ("initialized", "successful"))
    }

    @Test func theListIsMinimalByDefaultInCreationOrder() async throws {
        let (world, all) = world(extra: 3)
        _ = world.simulator.addIModel(SimulatorIModelSeed(iTwinId: world.otherITwin, name: "Elsewhere"))
        let response = try await world.send(.get, "/imodels", query: [("iTwinId", world.iTwin)])
        #expect(response.status == 200)
        let items = try response.items("iModels")
        #expect(ids(items) == all)
        for item in items {
            #expect(Set(item.keys) == ["id", "displayName"])
        }
        #expect(items.map { $0["displayName"] as? String } == ["Bridge", "Model 1", "Model 2", "Model 3"])
        #expect(try response.link("next") == nil)
        #expect(try response.link("prev") == nil)
        #expect(try response.link("self") != nil)

        let minimal = try await world.send(
            .get, "/imodels", query: [("iTwinId", world.iTwin)], headers: ["Prefer": "return=minimal"])
        #expect(try minimal.items("iModels").allSatisfy { Set($0.keys) == ["id", "displayName"] })
    }

    @Test func preferRepresentationAnswersFullIModels() async throws {
        let (world, all) = world(extra: 2)
        let response = try await world.send(
            .get, "/imodels", query: [("iTwinId", world.iTwin)], headers: ["Prefer": "return=representation"])
        let items = try response.items("iModels")
        #expect(ids(items) == all)
        #expect(items.map { $0["name"] as? String } == ["Bridge", "Model 1", "Model 2"])
        #expect(items.allSatisfy { $0["state"] as? String == "initialized" && $0["iTwinId"] as? String == world.iTwin })
    }

    @Test func topPagesWithNextLinksUntilTheEnd() async throws {
        let (world, all) = world(extra: 6)
        var next = try #require(
            URL(string: "\(productionOrigin)/imodels?iTwinId=\(world.iTwin)&$top=3"))
        var pages: [[String]] = []
        while pages.count < 10 {
            let response = try await world.send(.get, url: next)
            #expect(response.status == 200)
            pages.append(ids(try response.items("iModels")))
            guard let link = try response.link("next") else { break }
            #expect(link.absoluteString.hasPrefix("\(productionOrigin)/imodels?"))
            next = link
        }
        #expect(pages.map(\.count) == [3, 3, 1])
        #expect(pages.flatMap { $0 } == all)
    }

    @Test func thePrevLinkLeadsBack() async throws {
        let (world, all) = world(extra: 4)
        let first = try await world.send(.get, "/imodels", query: [("iTwinId", world.iTwin), ("$top", "2")])
        let second = try await world.send(.get, url: try #require(try first.link("next")))
        #expect(ids(try second.items("iModels")) == Array(all[2..<4]))
        let back = try await world.send(.get, url: try #require(try second.link("prev")))
        #expect(ids(try back.items("iModels")) == Array(all[0..<2]))
    }

    @Test func anEmptyContinuationTokenStartsAtTheBeginningAndSkipStillWorks() async throws {
        let (world, all) = world(extra: 4)
        let first = try await world.send(
            .get, "/imodels", query: [("iTwinId", world.iTwin), ("$top", "2"), ("$continuationToken", "")])
        #expect(ids(try first.items("iModels")) == Array(all[0..<2]))
        let skipped = try await world.send(
            .get, "/imodels", query: [("iTwinId", world.iTwin), ("$top", "2"), ("$skip", "3")])
        #expect(ids(try skipped.items("iModels")) == Array(all[3..<5]))
        let both = try await world.send(
            .get, "/imodels", query: [("iTwinId", world.iTwin), ("$skip", "1"), ("$continuationToken", "sim-2")])
        #expect(both.status == 422)
        #expect(try both.detailCodes() == ["MutuallyExclusiveParametersProvided"])
        let forged = try await world.send(
            .get, "/imodels", query: [("iTwinId", world.iTwin), ("$continuationToken", "not-a-token")])
        #expect(forged.status == 422)
    }

    @Test func theDefaultPageSizeIsConfigurable() async throws {
        let (world, all) = world(extra: 4, options: SimulatorOptions(defaultPageSize: 2))
        let first = try await world.send(.get, "/imodels", query: [("iTwinId", world.iTwin)])
        #expect(ids(try first.items("iModels")) == Array(all[0..<2]))
        let next = try #require(try first.link("next"))
        let query = URLComponents(url: next, resolvingAgainstBaseURL: false)?.queryItems ?? []
        #expect(query.contains { $0.name == "iTwinId" && $0.value == world.iTwin })
        #expect(query.contains { $0.name == "$continuationToken" })
    }

    @Test(arguments: ["http://127.0.0.1:9000", "http://[::1]:9000", "https://api.bentley.com"])
    func theNextLinkKeepsTheFiltersAndTheOrigin(_ origin: String) async throws {
        let (world, _) = world(extra: 5)
        let first = try await world.send(
            .get, "/imodels", query: [("iTwinId", world.iTwin), ("$top", "2"), ("$orderBy", "name desc")],
            origin: origin)
        #expect(ids(try first.items("iModels")).count == 2)
        let next = try #require(try first.link("next"))
        #expect(next.absoluteString.hasPrefix("\(origin)/imodels?"))
        let second = try await world.send(.get, url: next)
        #expect(try second.items("iModels").map { $0["displayName"] as? String } == ["Model 3", "Model 2"])
    }

    @Test(arguments: ["0", "1001", "-1", "ten"])
    func anInvalidTopIs422(_ top: String) async throws {
        let world = SimulatorFixture.bridges()
        let response = try await world.send(.get, "/imodels", query: [("iTwinId", world.iTwin), ("$top", top)])
        #expect(response.status == 422)
        #expect(try response.errorCode() == "InvalidiModelsRequest")
        #expect(try response.detailTargets() == ["$top"])
    }

    @Test func theNameFilterFindsOneIModel() async throws {
        let (world, all) = world(extra: 3)
        let response = try await world.send(.get, "/imodels", query: [("iTwinId", world.iTwin), ("name", "Model 2")])
        #expect(ids(try response.items("iModels")) == [all[2]])
        let none = try await world.send(.get, "/imodels", query: [("iTwinId", world.iTwin), ("name", "Model 9")])
        #expect(try none.items("iModels").isEmpty)
        let elsewhere = try await world.send(
            .get, "/imodels", query: [("iTwinId", world.otherITwin), ("name", "Model 2")])
        #expect(try elsewhere.items("iModels").isEmpty)
    }

    @Test func searchMatchesNameOrDescription() async throws {
        let (world, all) = world(extra: 4)
        let byName = try await world.send(.get, "/imodels", query: [("iTwinId", world.iTwin), ("$search", "model")])
        #expect(ids(try byName.items("iModels")) == Array(all[1...]))
        let byDescription = try await world.send(
            .get, "/imodels", query: [("iTwinId", world.iTwin), ("$search", "EVEN")])
        #expect(ids(try byDescription.items("iModels")) == [all[2], all[4]])
    }

    @Test func searchAndNameTogetherIs422() async throws {
        let world = SimulatorFixture.bridges()
        let response = try await world.send(
            .get, "/imodels", query: [("iTwinId", world.iTwin), ("name", "Bridge"), ("$search", "Bridge")])
        #expect(response.status == 422)
        #expect(try response.errorCode() == "InvalidiModelsRequest")
        #expect(try response.detailCodes() == ["MutuallyExclusiveParametersProvided"])
    }

    @Test func orderByNameAndCreatedDateTime() async throws {
        let (world, all) = world(extra: 3)
        let byName = try await world.send(
            .get, "/imodels", query: [("iTwinId", world.iTwin), ("$orderBy", "name desc")])
        #expect(ids(try byName.items("iModels")) == [all[3], all[2], all[1], all[0]])
        let ascending = try await world.send(.get, "/imodels", query: [("iTwinId", world.iTwin), ("$orderBy", "name")])
        #expect(ids(try ascending.items("iModels")) == all)
        let newest = try await world.send(
            .get, "/imodels", query: [("iTwinId", world.iTwin), ("$orderBy", "createdDateTime desc")])
        #expect(ids(try newest.items("iModels")) == Array(all.reversed()))
        let invalid = try await world.send(.get, "/imodels", query: [("iTwinId", world.iTwin), ("$orderBy", "size")])
        #expect(invalid.status == 422)
    }

    @Test func orderByTakesSeveralCommaSeparatedClauses() async throws {
        let world = SimulatorFixture.bridges()
        var names: [String: String] = [:]
        for (minute, batch) in [(1, ["B", "A"]), (2, ["D", "C"])] {
            world.advance(toElapsed: TimeInterval(minute * 60))
            for name in batch {
                names[world.simulator.addIModel(SimulatorIModelSeed(iTwinId: world.iTwin, name: name))] = name
            }
        }
        names[world.source] = "Bridge"
        func order(_ orderBy: String) async throws -> [String?] {
            let response = try await world.send(
                .get, "/imodels", query: [("iTwinId", world.iTwin), ("$orderBy", orderBy)])
            #expect(response.status == 200, "\(orderBy): \(response.text)")
            return ids(try response.items("iModels")).map { names[$0] }
        }
        #expect(try await order("createdDateTime desc,name asc") == ["C", "D", "A", "B", "Bridge"])
        #expect(try await order("createdDateTime desc, name desc") == ["D", "C", "B", "A", "Bridge"])
        #expect(try await order("createdDateTime,name") == ["Bridge", "A", "B", "C", "D"])
        #expect(try await order("name desc,createdDateTime asc") == ["D", "C", "Bridge", "B", "A"])
        for invalid in ["name sideways", "name desc,size", "", "name,", "name asc desc"] {
            let rejected = try await world.send(
                .get, "/imodels", query: [("iTwinId", world.iTwin), ("$orderBy", invalid)])
            #expect(rejected.status == 422, "\(invalid)")
        }
    }

    @Test func theStateFilterSeparatesInitializedIModels() async throws {
        let world = SimulatorFixture.bridges()
        let copy = try await world.copied(name: "Copy")
        let pending = try await world.send(
            .get, "/imodels", query: [("iTwinId", world.iTwin), ("state", "notInitialized")])
        #expect(ids(try pending.items("iModels")) == [copy])
        let ready = try await world.send(.get, "/imodels", query: [("iTwinId", world.iTwin), ("state", "initialized")])
        #expect(ids(try ready.items("iModels")) == [world.source])
        world.advance(toElapsed: 4)
        let later = try await world.send(.get, "/imodels", query: [("iTwinId", world.iTwin), ("state", "initialized")])
        #expect(ids(try later.items("iModels")) == [world.source, copy])
    }

    @Test func listingNeedsAKnownITwinId() async throws {
        let world = SimulatorFixture.bridges()
        let missing = try await world.send(.get, "/imodels")
        #expect(missing.status == 422)
        #expect(try missing.detailCodes() == ["MissingRequiredParameter"])
        let unknown = try await world.send(.get, "/imodels", query: [("iTwinId", "no-such-itwin")])
        #expect(unknown.status == 404)
        #expect(try unknown.errorCode() == "iTwinNotFound")
    }
}
