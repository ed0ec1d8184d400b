import Foundation
import IModelsClient
import IModelsTesting
import Testing

@Suite struct ListingBehaviourTests {
    @Test func iModelsFollowsNextLinksAcrossPages() async throws {
        let service = SimulatorFixture.behaviour(options: SimulatorOptions(defaultPageSize: 7))
        var expected = [service.source]
        for number in 1...30 {
            expected.append(
                service.simulator.addIModel(SimulatorIModelSeed(iTwinId: service.iTwin, name: "Model \(number)")))
        }
        let listed = try await service.client.iModels.iModels(in: service.iTwin).collect()
        #expect(listed.map(\.id) == expected)
        #expect(listed.first?.displayName == "Bridge")
        #expect(service.logged(.get, "/imodels").count == 5)

        let named = try await service.client.iModels.iModels(in: service.iTwin, name: "Model 12").collect()
        #expect(named.map(\.id) == [expected[12]])
        #expect(try await service.client.iModels.iModels(in: service.otherITwin).collect().isEmpty)
    }

    @Test(arguments: ["http://[::1]:8080", "http://127.0.0.1:8080", "https://qa-api.bentley.com"])
    func anotherBaseURLIsUsedForLinksAndHeaders(_ base: String) async throws {
        let service = SimulatorFixture.behaviour(options: SimulatorOptions(defaultPageSize: 2))
        let baseURL = try #require(URL(string: base))
        let client = ITwinClient(
            configuration: Configuration(environment: .custom(baseURL), clock: service.clock),
            accessToken: { testToken }, transport: service.simulator)
        let source = service.source
        let creation = try await client.iModels.clone(source, into: service.iTwin, name: "Copy")
        #expect(creation.iModelURL?.absoluteString == "\(base)/imodels/\(creation.iModelId)")
        #expect(creation.createOperationURL?.absoluteString == "\(base)/imodels/\(creation.iModelId)/operations/create")
        _ = service.simulator.addIModel(SimulatorIModelSeed(iTwinId: service.iTwin, name: "Third"))
        let listed = try await client.iModels.iModels(in: service.iTwin).collect()
        #expect(listed.map(\.displayName) == ["Bridge", "Copy", "Third"])
        let model = try await service.clock.run { try await client.iModels.waitUntilCreated(creation.iModelId) }
        #expect(model.links?.changesets?.href == "\(base)/imodels/\(creation.iModelId)/changesets")
    }

    /// Lists are minimal unless asked for the representation; a single changeset is the full one
    /// (https://developer.bentley.com/apis/imodels-v2/operations/get-imodel-changesets and
    /// get-imodel-changeset-details).
    @Test func changesetsCanBeListedInTheirFullRepresentation() async throws {
        let service = SimulatorFixture.behaviour(changesetCount: 2)
        let api = service.client.iModels
        let minimal = try await api.changesets(of: service.source).collect()
        #expect(minimal.map(\.index) == [1, 2])
        #expect(minimal.allSatisfy { $0.application == nil && $0.links?.download == nil })
        let full = try await api.changesets(of: service.source, representation: true).collect()
        #expect(full.map(\.index) == [1, 2])
        #expect(full.allSatisfy { $0.application?.name?.isEmpty == false && $0.links?.download != nil })
        #expect(
            service.logged(.get, "/imodels/*/changesets").map { $0.request.headers["Prefer"] } == [
                "return=minimal", "return=representation",
            ])
        let single = try await api.changeset(.index(1), of: service.source)
        #expect(single.application != nil && single.links?.download?.storageType == "azure")
        #expect(single.creatorId.flatMap(UUID.init(uuidString:)) != nil)
    }

    @Test func changesetsHonourTopRangesAndOrder() async throws {
        let service = SimulatorFixture.behaviour(changesetCount: 12)
        let api = service.client.iModels
        let source = service.source
        #expect(try await api.changesets(of: source).collect().map(\.index) == Array(1...12))
        #expect(try await api.changesets(of: source, top: 5).collect().map(\.index) == Array(1...12))
        #expect(service.logged(.get, "/imodels/*/changesets").count == 1 + 3)
        #expect(try await api.changesets(of: source, afterIndex: 9).collect().map(\.index) == [10, 11, 12])
        #expect(try await api.changesets(of: source, lastIndex: 2).collect().map(\.index) == [1, 2])
        #expect(
            try await api.changesets(of: source, top: 2, afterIndex: 3, lastIndex: 8, descending: true).collect()
                .map(\.index) == [8, 7, 6, 5, 4])
        #expect(try await api.latestChangeset(of: source)?.index == 12)
        let ids = service.simulator.changesets(of: source).map(\.id)
        let third = try await api.changeset(.index(3), of: source)
        #expect(third.id == ids[2])
        #expect(third.parentId == ids[1])
        #expect(try await api.changeset(.id(ids[6]), of: source).index == 7)
        let missing = await captureError { _ = try await api.changeset(.index(40), of: source) }
        #expect(missing?.apiError?.code == "ChangesetNotFound")
    }

    @Test func latestChangesetOfAnIModelWithoutChangesetsIsNil() async throws {
        let service = SimulatorFixture.behaviour(changesetCount: 0)
        #expect(try await service.client.iModels.latestChangeset(of: service.source) == nil)
    }

    @Test func createReadAndDeleteAnEmptyIModel() async throws {
        let service = SimulatorFixture.behaviour()
        let api = service.client.iModels
        // `createIModel` waits until the empty iModel is initialized, on the clock.
        let created = try await service.clock.run {
            try await api.createIModel(in: service.otherITwin, name: "Target", description: "For imports")
        }
        #expect(created.name == "Target")
        #expect(created.description == "For imports")
        #expect(created.state == .initialized)
        #expect(created.createdDateTime == service.start)
        let read = try await api.iModel(created.id)
        #expect(read.id == created.id)
        #expect(read.iTwinId == service.otherITwin)
        #expect(try await api.createOperation(of: created.id).state == .successful)

        let source = try await api.iModel(service.source)
        #expect(source.lastChangesetPushDateTime == service.simulator.changesets(of: service.source).last?.pushDateTime)
        #expect(source.links?.changesets?.href == "https://api.bentley.com/imodels/\(service.source)/changesets")

        try await api.deleteIModel(created.id)
        #expect(service.simulator.iModel(created.id) == nil)
        let gone = await captureError { _ = try await api.iModel(created.id) }
        #expect(gone?.apiError?.status == 404)
        #expect(gone?.apiError?.code == "iModelNotFound")
    }

    @Test func aLostAnswerToARetriedDeleteCountsAsSuccess() async throws {
        let service = SimulatorFixture.behaviour()
        service.simulator.inject(.connectionLostAfterServerActs, on: .delete, "/imodels/*")
        let client = service.client
        let source = service.source
        try await service.clock.run { try await client.iModels.deleteIModel(source) }
        #expect(service.simulator.iModel(source) == nil)
        #expect(service.logged(.delete, "/imodels/*").map(\.status) == [nil, 404])
    }

    @Test func transientFaultsOnReadsAreRetried() async throws {
        let service = SimulatorFixture.behaviour()
        service.simulator.inject(.respond(status: 503), on: .get, "/imodels/*", times: 2)
        service.simulator.inject(.truncatedBody, on: .get, "/imodels/*/changesets")
        let client = service.client
        let source = service.source
        let model = try await service.clock.run { try await client.iModels.iModel(source) }
        #expect(model.name == "Bridge")
        #expect(service.logged(.get, "/imodels/*").map(\.status) == [503, 503, 200])
        let truncated = await captureError { _ = try await client.iModels.changesets(of: source).collect() }
        guard case .decoding? = truncated else {
            Issue.record("expected a decoding failure, got \(String(describing: truncated))")
            return
        }
    }
}
