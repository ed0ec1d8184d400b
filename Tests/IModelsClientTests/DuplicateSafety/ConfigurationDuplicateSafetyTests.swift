import Foundation
import IModelsClient
import IModelsTesting
import IModelsTestingTraits
import Testing

/// Every configuration creation after an unknown outcome: it looks in the target project for a configuration of the
/// same name, iModels and projects created since the send, and returns it or sends once more.
@Suite(.verifiesStubTransports) struct ConfigurationDuplicateSafetyTests {
    /// The configuration creations, each with its path.
    enum Kind: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case importIModel = "importimodel"
        case mergeIModel = "mergeimodel"
        case populateFederationGuids = "populatefederationguids"

        var testDescription: String { rawValue }
        var path: PathPattern { PathPattern("/transformations/configurations/\(rawValue)") }

        /// Creates this kind of configuration from `source` into `target` (PopulateFederationGuids: on `source`).
        func create(
            _ client: ITwinClient, project: String, source: String, target: String
        ) async throws -> TransformationConfiguration {
            let api = client.transformations
            switch self {
            case .importIModel:
                return try await api.createImportIModelConfiguration(
                    ImportIModelConfigurationRequest(
                        transformName: "Nightly", sourceProjectId: project, sourceIModelId: source,
                        targetProjectId: project, targetIModelId: target, comment: "Nightly"))
            case .mergeIModel:
                return try await api.createMergeIModelConfiguration(
                    MergeIModelConfigurationRequest(
                        transformName: "Nightly", sourceProjectId: project, sourceIModelId: source,
                        targetProjectId: project, targetIModelId: target, comment: "Nightly"))
            case .populateFederationGuids:
                return try await api.createPopulateFederationGuidsConfiguration(
                    PopulateFederationGuidsConfigurationRequest(
                        transformName: "Nightly", projectId: project, iModelId: source, comment: "Nightly"))
            }
        }
    }

    /// The simulated service with a target iModel beside the source.
    struct World {
        let service = SimulatorFixture.behaviour()
        let target: String

        init() {
            target = service.simulator.addIModel(SimulatorIModelSeed(iTwinId: service.iTwin, name: "Target"))
        }

        var configurations: [String] { service.simulator.configurationIds }

        func create(_ kind: Kind, client: ITwinClient? = nil) async throws -> TransformationConfiguration {
            let client = client ?? service.client
            let (project, source, target) = (service.iTwin, service.source, target)
            return try await service.clock.run {
                try await kind.create(client, project: project, source: source, target: target)
            }
        }

        func posts(_ kind: Kind) -> Int { service.logged(.post, kind.path).count }
        var lookups: Int { service.logged(.get, "/transformations/configurations").count }
    }

    @Test(arguments: Kind.allCases, [SimulatorFault.connectionLostAfterServerActs, .timeout(afterServerActs: true)])
    func aLostAnswerReturnsTheConfigurationTheServerMadeWithoutASecond(
        _ kind: Kind, _ fault: SimulatorFault
    ) async throws {
        let world = World()
        world.service.simulator.inject(fault, on: .post, kind.path)
        let configuration = try await world.create(kind)
        #expect(world.configurations == [configuration.id])
        #expect(configuration.transformName == "Nightly")
        #expect(world.posts(kind) == 1)
        #expect(world.lookups == 1)
    }

    @Test(arguments: Kind.allCases)
    func nothingFoundIsSentExactlyOnceMore(_ kind: Kind) async throws {
        let world = World()
        world.service.simulator.inject(.connectionLostBeforeServerActs, on: .post, kind.path)
        let configuration = try await world.create(kind)
        #expect(world.configurations == [configuration.id])
        #expect(world.posts(kind) == 2)
        #expect(world.lookups == 1)
    }

    /// Another client made the same configuration at the same moment: which of the two is this request's cannot be
    /// told, so the call names both and sends nothing again.
    @Test(arguments: Kind.allCases)
    func twoFoundEndInAnAmbiguousOutcomeNamingThem(_ kind: Kind) async throws {
        let world = World()
        let other = ITwinClient(
            configuration: Configuration(environment: .production, clock: world.service.clock),
            accessToken: { testToken }, transport: world.service.simulator)
        let theirs = try await world.create(kind, client: other)
        world.service.simulator.inject(.connectionLostAfterServerActs, on: .post, kind.path)
        let error = await captureError { _ = try await world.create(kind) }
        guard case .ambiguousOutcome(let operation, let candidates)? = error else {
            Issue.record("expected ambiguousOutcome, got \(String(describing: error))")
            return
        }
        #expect(operation.hasPrefix("create") && operation.hasSuffix("Configuration"))
        #expect(world.configurations.count == 2, "theirs and the one the lost request made; no third")
        #expect(Set(candidates) == Set(world.configurations))
        #expect(candidates.contains(theirs.id))
        #expect(world.posts(kind) == 2)
    }

    @Test(arguments: Kind.allCases)
    func aFailedLookupThrowsTheLostConnectionAndSendsNothingMore(_ kind: Kind) async throws {
        let world = World()
        world.service.simulator.inject(.connectionLostAfterServerActs, on: .post, kind.path)
        world.service.simulator.inject(
            .respond(status: 403, json: #"{"error":{"code":"InsufficientPermissions","message":"No."}}"#),
            on: .get, "/transformations/configurations")
        let error = await captureError { _ = try await world.create(kind) }
        guard case .transport(let failure)? = error else {
            Issue.record("expected the lost connection, got \(String(describing: error))")
            return
        }
        #expect(failure.kind == .connectionLost)
        #expect(world.posts(kind) == 1, "an outcome still unknown is never resent")
        #expect(world.configurations.count == 1, "what the server made stays")
    }

    @Test(arguments: Kind.allCases)
    func anOlderConfigurationOfTheSameNameAndIdsIsNotTakenForThisRequest(_ kind: Kind) async throws {
        let world = World()
        let older = try await world.create(kind)
        world.service.clock.advance(by: .seconds(60))
        world.service.simulator.inject(.connectionLostBeforeServerActs, on: .post, kind.path)
        let configuration = try await world.create(kind)
        #expect(configuration.id != older.id)
        #expect(world.configurations == [older.id, configuration.id])
        #expect(world.posts(kind) == 3, "the older configuration, the lost request, one resend")
    }

    // MARK: - With stubs: what the lookup asks and what it compares

    /// A configuration as the list gives it in full, created when the virtual clock starts.
    private static func listed(
        _ id: String, name: String = "Nightly", sourceProject: String = "p-src",
        targetIModel: String = "m-tgt", links: Bool = true
    ) -> String {
        let base = "https://api.example.test"
        let linkJSON =
            links
            ? #","_links":{"sourceIModel":{"href":"\#(base)/imodels/m-src"},"#
                + #""targetIModel":{"href":"\#(base)/imodels/\#(targetIModel)"},"#
                + #""sourceProject":{"href":"\#(base)/itwins/\#(sourceProject)"},"#
                + #""targetProject":{"href":"\#(base)/itwins/P-TGT"}}"# : ""
        return #"{"id":"\#(id)","transformName":"\#(name)","transformType":"ImportIModel","#
            + #""createdDateTime":"\#(IModelsFixtures.clockStart)"\#(linkJSON)}"#
    }

    private static let request = ImportIModelConfigurationRequest(
        transformName: "Nightly", sourceProjectId: "p-src", sourceIModelId: "m-src", targetProjectId: "p-tgt",
        targetIModelId: "m-tgt", comment: "Nightly")

    @Test func theLookupListsTheTargetProjectInFullAndComparesNameTypeAndIds() async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/transformations/configurations/importimodel", failure: connectionLost)
        let others = [
            Self.listed("renamed", name: "Nightly 2"),
            Self.listed("other-source-project", sourceProject: "p-other"),
            Self.listed("other-target", targetIModel: "m-other"), Self.listed("no-links", links: false),
        ]
        let page = #"{"configurations":[\#(others.joined(separator: ","))],"_links":{"next":null}}"#
        stub.enqueue(.get, "/transformations/configurations", json: page)
        stub.enqueue(
            .post, "/transformations/configurations/importimodel", status: 201,
            json: #"{"configuration":\#(Self.listed("new-1"))}"#)
        let configuration = try await makeClient(stub).transformations.createImportIModelConfiguration(Self.request)
        #expect(configuration.id == "new-1", "none of the others is this request's")
        let lookup = try #require(stub.requests.dropFirst().first)
        #expect(lookup.url.absoluteString == "https://api.example.test/transformations/configurations?projectId=p-tgt")
        #expect(lookup.headers["Prefer"] == "return=representation")
        #expect(stub.requests.count == 3)
        try stub.verify()
    }

    @Test func idsAreComparedWithoutRegardToCase() async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/transformations/configurations/importimodel", failure: connectionLost)
        stub.enqueue(
            .get, "/transformations/configurations",
            json: #"{"configurations":[\#(Self.listed("ours", targetIModel: "M-TGT"))],"_links":{}}"#)
        let configuration = try await makeClient(stub).transformations.createImportIModelConfiguration(Self.request)
        #expect(configuration.id == "ours")
        #expect(stub.requests.count == 2)
        try stub.verify()
    }
}
