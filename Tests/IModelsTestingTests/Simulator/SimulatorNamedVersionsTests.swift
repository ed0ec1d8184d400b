import Foundation
import IModelsClient
import IModelsTesting
import Testing

/// The simulator's named versions (`/imodels/{id}/namedversions`) and creation from a template, over raw requests.
@Suite struct SimulatorNamedVersionsTests {
    private func path(_ world: SimulatorFixture<SimulatorSeeds>, _ rest: String = "") -> String {
        "/imodels/\(world.source)/namedversions\(rest)"
    }

    private func create(_ world: SimulatorFixture<SimulatorSeeds>, _ json: String) async throws -> SimulatorResponse {
        try await world.send(.post, path(world), json: json)
    }

    private func names(_ response: SimulatorResponse) throws -> [String] {
        try response.items("namedVersions").compactMap { $0["displayName"] as? String }
    }

    @Test func createAnswers201WithTheFullVersionAndTheChangesetLinksToIt() async throws {
        let world = SimulatorFixture.bridges(changesetCount: 3)
        let changeset = world.simulator.changesets(of: world.source)[1]
        let response = try await create(
            world, #"{"name":"R2","description":"Second","changesetId":"\#(changeset.id)"}"#)
        #expect(response.status == 201, "\(response.text)")
        let version = try #require(try response.object()["namedVersion"] as? [String: Any])
        #expect(version["name"] as? String == "R2" && version["displayName"] as? String == "R2")
        #expect(version["changesetId"] as? String == changeset.id && version["changesetIndex"] as? Int == 2)
        #expect(version["state"] as? String == "visible" && version["description"] as? String == "Second")
        #expect(version["createdDateTime"] is String)
        let id = try #require(version["id"] as? String)
        let links = try #require(version["_links"] as? [String: Any])
        #expect(
            ((links["changeset"] as? [String: Any])?["href"] as? String)?.hasSuffix("/changesets/\(changeset.id)")
                == true)
        let details = try await world.send(.get, "/imodels/\(world.source)/changesets/2")
        let changesetLinks =
            try #require(try details.object()["changeset"] as? [String: Any])["_links"] as? [String: Any]
        #expect(
            ((changesetLinks?["namedVersion"] as? [String: Any])?["href"] as? String)?.hasSuffix("/namedversions/\(id)")
                == true)
        let one = try await world.send(.get, path(world, "/\(id)"))
        #expect(one.status == 200)
        #expect(world.simulator.namedVersions(of: world.source).map(\.name) == ["R2"])
    }

    @Test func withoutAChangesetTheBaselineIsNamed() async throws {
        let world = SimulatorFixture.bridges()
        let response = try await create(world, #"{"name":"Start"}"#)
        let version = try #require(try response.object()["namedVersion"] as? [String: Any])
        #expect(version["changesetIndex"] as? Int == 0 && version["changesetId"] is NSNull)
    }

    @Test func createRefusesWhatTheServiceRefuses() async throws {
        let world = SimulatorFixture.bridges(changesetCount: 2)
        let first = world.simulator.changesets(of: world.source)[0].id
        #expect(try await create(world, #"{"name":"A","changesetId":"\#(first)"}"#).status == 201)
        let duplicateName = try await create(world, #"{"name":"a"}"#)
        #expect(try duplicateName.status == 409 && duplicateName.errorCode() == "NamedVersionExists")
        let sameChangeset = try await create(world, #"{"name":"B","changesetId":"\#(first)"}"#)
        #expect(try sameChangeset.status == 409 && sameChangeset.errorCode() == "NamedVersionOnChangesetExists")
        let unknown = try await create(world, #"{"name":"C","changesetId":"\#(String(repeating: "0", count: 40))"}"#)
        #expect(try unknown.status == 404 && unknown.errorCode() == "ChangesetNotFound")
        for (json, detail) in [
            (#"{"description":"no name"}"#, "MissingRequiredProperty"),
            (#"{"name":"D","changesetId":""}"#, "InvalidValue"),
            (#"{"name":"D","state":"hidden"}"#, "InvalidRequestBody"),
            (#"{"name":"\#(String(repeating: "n", count: 256))"}"#, "InvalidValue"),
        ] {
            let response = try await create(world, json)
            #expect(try response.status == 422 && response.detailCodes() == [detail], "\(json)")
        }
        let missing = try await world.send(.get, path(world, "/nope"))
        #expect(try missing.status == 404 && missing.errorCode() == "NamedVersionNotFound")
        #expect(try missing.error()["message"] as? String == "Requested Named Version 'nope' is not available.")
    }

    @Test func creatingNeedsWriteAndReadingWebView() async throws {
        let world = SimulatorFixture.bridges()
        world.simulator.setPermissions([.webView], for: simulatorToken, in: world.iTwin)
        #expect(try await create(world, #"{"name":"A"}"#).status == 403)
        #expect(try await world.send(.get, path(world)).status == 200)
        world.simulator.setPermissions([], for: simulatorToken, in: world.iTwin)
        #expect(try await world.send(.get, path(world)).status == 403)
    }

    @Test func theListOrdersSearchesFiltersAndPages() async throws {
        let world = SimulatorFixture.bridges(options: SimulatorOptions(defaultPageSize: 2), changesetCount: 4)
        for (index, name) in [(3, "Gamma"), (1, "Alpha release"), (0, "Start"), (4, "Delta release")] {
            world.simulator.addNamedVersion(
                to: world.source, name: name, description: "v\(index)", changesetIndex: index)
            world.clock.advance(by: .seconds(1))
        }
        var all: [String] = []
        var next: URL? = try #require(URLComponents(string: productionOrigin + path(world))?.url)
        while let url = next {
            let page = try await world.send(.get, url: url)
            all += try names(page)
            next = try page.link("next")
        }
        #expect(all == ["Start", "Alpha release", "Gamma", "Delta release"], "changeset order by default, two pages")
        let byDate = try await world.send(
            .get, path(world), query: [("$orderBy", "createdDateTime desc"), ("$top", "10")])
        #expect(try names(byDate) == ["Delta release", "Start", "Alpha release", "Gamma"])
        let byIndex = try await world.send(
            .get, path(world), query: [("$orderBy", "changesetIndex desc"), ("$top", "9")])
        #expect(try names(byIndex) == ["Delta release", "Gamma", "Alpha release", "Start"])
        let search = try await world.send(.get, path(world), query: [("$search", "RELEASE")])
        #expect(try names(search) == ["Alpha release", "Delta release"])
        let named = try await world.send(.get, path(world), query: [("name", "Gamma")])
        #expect(try names(named) == ["Gamma"])
        let minimal = try #require(try named.items("namedVersions").first)
        #expect(Set(minimal.keys) == ["id", "displayName", "changesetId", "changesetIndex"])
        let full = try await world.send(
            .get, path(world), query: [("name", "Gamma")], headers: ["Prefer": "return=representation"])
        #expect(try full.items("namedVersions").first?["description"] as? String == "v3")
        let both = try await world.send(.get, path(world), query: [("name", "Gamma"), ("$search", "a")])
        #expect(try both.status == 422 && both.detailCodes() == ["MutuallyExclusiveParametersProvided"])
        let badOrder = try await world.send(.get, path(world), query: [("$orderBy", "name")])
        #expect(badOrder.status == 422)
    }

    @Test func anUpdateChangesOnlyWhatItGives() async throws {
        let world = SimulatorFixture.bridges(changesetCount: 1)
        let id = try #require(
            world.simulator.addNamedVersion(to: world.source, name: "R1", description: "d", changesetIndex: 1))
        world.simulator.addNamedVersion(to: world.source, name: "Other")
        let hidden = try await world.send(.patch, path(world, "/\(id)"), json: #"{"state":"hidden"}"#)
        #expect(hidden.status == 200)
        let after = try #require(world.simulator.namedVersions(of: world.source).first)
        #expect(after.state == .hidden && after.name == "R1" && after.description == "d")
        #expect(try await world.send(.patch, path(world, "/\(id)"), json: #"{"name":"R1.1"}"#).status == 200)
        #expect(world.simulator.namedVersions(of: world.source).first?.name == "R1.1")
        let taken = try await world.send(.patch, path(world, "/\(id)"), json: #"{"name":"other"}"#)
        #expect(try taken.status == 409 && taken.errorCode() == "NamedVersionExists")
        for json in [#"{}"#, #"{"state":"archived"}"#, #"{"changesetId":"x"}"#, #"{"name":" "}"#] {
            #expect(try await world.send(.patch, path(world, "/\(id)"), json: json).status == 422, "\(json)")
        }
        #expect(try await world.send(.patch, path(world, "/gone"), json: #"{"name":"X"}"#).status == 404)
    }

    @Test func clonesAndForksStartWithoutNamedVersions() async throws {
        let world = SimulatorFixture.bridges(changesetCount: 2)
        world.simulator.addNamedVersion(to: world.source, name: "R1", changesetIndex: 1)
        let clone = try await world.copied(name: "Clone")
        let fork = try await world.copied(fork: true, name: "Fork", extra: #","preserveHistory":true"#)
        #expect(world.simulator.namedVersions(of: clone).isEmpty && world.simulator.namedVersions(of: fork).isEmpty)
        #expect(
            world.simulator.changesets(of: clone).map(\.id) == world.simulator.changesets(of: world.source).map(\.id))
    }

    // MARK: - Template

    private func fromTemplate(_ world: SimulatorFixture<SimulatorSeeds>, _ template: String, name: String = "T")
        async throws -> SimulatorResponse
    {
        try await world.send(
            .post, "/imodels",
            json: #"{"iTwinId":"\#(world.otherITwin)","name":"\#(name)","creationMode":"fromiModelVersion","#
                + #""template":\#(template)}"#)
    }

    @Test func aTemplateCopyIsCreatedThroughItsCreateOperationWithOnlyABaseline() async throws {
        let world = SimulatorFixture.bridges(changesetCount: 3)
        let second = world.simulator.changesets(of: world.source)[1].id
        let response = try await fromTemplate(world, #"{"iModelId":"\#(world.source)","changesetId":"\#(second)"}"#)
        #expect(response.status == 201, "\(response.text)")
        let iModel = try #require(try response.object()["iModel"] as? [String: Any])
        #expect(iModel["state"] as? String == "notInitialized")
        let id = try #require(iModel["id"] as? String)
        #expect(try await world.states(id) == ("notInitialized", "scheduled"))
        world.advance(toElapsed: world.simulator.options.completionTime.components.seconds.doubleValue + 1)
        #expect(try await world.states(id) == ("initialized", "successful"))
        let operation = try await world.createOperationJSON(id)
        #expect(operation["clonedFrom"] is NSNull && operation["forkedFrom"] is NSNull)
        #expect(world.simulator.changesets(of: id).isEmpty && world.simulator.namedVersions(of: id).isEmpty)
        let latest = try await fromTemplate(world, #"{"iModelId":"\#(world.source)"}"#, name: "Latest")
        #expect(latest.status == 201)
    }

    @Test func aTemplateIsRefusedAsTheServiceWould() async throws {
        let world = SimulatorFixture.bridges(changesetCount: 1)
        let missing = try await fromTemplate(world, #"{"iModelId":"nope"}"#)
        #expect(try missing.status == 404 && missing.errorCode() == "iModelNotFound")
        let changeset = try await fromTemplate(
            world, #"{"iModelId":"\#(world.source)","changesetId":"\#(String(repeating: "a", count: 40))"}"#)
        #expect(try changeset.status == 404 && changeset.errorCode() == "ChangesetNotFound")
        for template in [
            #"{"iModelId":"\#(world.source)","changesetId":""}"#, #"{"changesetId":"x"}"#,
            #"{"iModelId":"\#(world.source)","x":1}"#,
        ] {
            #expect(try await fromTemplate(world, template).status == 422, "\(template)")
        }
        world.simulator.setPermissions([.webView], for: simulatorToken, in: world.iTwin)
        #expect(
            try await fromTemplate(world, #"{"iModelId":"\#(world.source)"}"#).status == 403,
            "imodels_read on the template")
    }
}

extension Int64 {
    fileprivate var doubleValue: Double { Double(self) }
}
