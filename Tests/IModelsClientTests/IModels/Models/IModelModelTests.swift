import Foundation
import IModelsClient
import Testing

/// The iModels models: documented fields (API.md 2.3, 2.4, 2.7), tolerant decoding, and Codable round trips.
@Suite struct IModelModelTests {
    private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    private func roundTrip<T: Codable & Equatable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        let decoded = try JSONDecoder().decode(T.self, from: try JSONEncoder().encode(value))
        #expect(decoded == value, sourceLocation: sourceLocation)
    }

    private struct IModelBody: Decodable { var iModel: IModel }
    private struct ChangesetBody: Decodable { var changeset: Changeset }

    // MARK: IModel

    @Test func theDocumentedIModelExampleDecodes() throws {
        let model = try JSONDecoder().decode(IModelBody.self, from: try fixture("imodel-details-200.json")).iModel
        #expect(model.id == "5e19bee0-3aea-4355-a9f0-c6df9989ee7d")
        #expect(model.displayName == "Sun City Renewable-energy Plant")
        #expect(model.name == "Sun City Renewable-energy Plant")
        #expect(model.description == "Overall model of wind and solar farms in Sun City")
        #expect(model.state == .initialized)
        #expect(model.createdDateTime == Date(timeIntervalSince1970: 1_603_191_093.17))
        #expect(model.lastChangesetPushDateTime == nil)
        #expect(model.iTwinId == "5e19bee0-3aea-4355-a9f0-c6df9989ee7d")
        #expect(model.isSecured == false)
        #expect(model.dataCenterLocation == "East US")
        #expect(model.containersEnabled == 0)
        #expect(
            model.extent
                == IModelExtent(
                    southWest: .init(latitude: 46.13267702834806, longitude: 7.672120009938448),
                    northEast: .init(latitude: 46.302763954781234, longitude: 7.835541640797823)))
        #expect(
            model.links?.changesets?.href
                == "https://api.bentley.com/imodels/5e19bee0-3aea-4355-a9f0-c6df9989ee7d/changesets")
        #expect(
            model.links?.namedVersions?.href
                == "https://api.bentley.com/imodels/5e19bee0-3aea-4355-a9f0-c6df9989ee7d/namedversions")
        #expect(model.links?.creator?.href.hasSuffix("/users/42101fba-847a-4f4e-85a8-a4bed89065e4") == true)
        #expect(model.links?.upload == nil && model.links?.complete == nil)
        try roundTrip(model)
    }

    @Test func everyFieldOfTheIModelDecodes() throws {
        let model = try decode(
            IModel.self,
            #"""
            {"id":"m1","displayName":"Display","name":"Name","description":null,"state":"notInitialized",
             "createdDateTime":"2024-01-02T03:04:05+00:00","lastChangesetPushDateTime":"2024-01-03T00:00:00.5Z",
             "iTwinId":"t1","isSecured":true,
             "extent":{"southWest":{"latitude":-90,"longitude":-180},"northEast":{"latitude":90,"longitude":180}},
             "containersEnabled":5,"dataCenterLocation":"West Europe",
             "geographicCoordinateSystem":{"horizontalCRSId":"EPSG:4326"},
             "_links":{"creator":null,"changesets":{"href":"https://a/c"},"namedVersions":{"href":"https://a/n"},
                       "upload":{"href":"https://a/u"},"complete":{"href":"https://a/d"}}}
            """#)
        #expect(model.id == "m1" && model.displayName == "Display" && model.name == "Name")
        #expect(model.description == nil)
        #expect(model.state == .notInitialized)
        #expect(model.createdDateTime == Date(timeIntervalSince1970: 1_704_164_645))
        #expect(model.lastChangesetPushDateTime == Date(timeIntervalSince1970: 1_704_240_000.5))
        #expect(model.iTwinId == "t1" && model.isSecured == true)
        #expect(model.extent?.southWest == .init(latitude: -90, longitude: -180))
        #expect(model.extent?.northEast == .init(latitude: 90, longitude: 180))
        #expect(model.containersEnabled == 5)
        #expect(model.dataCenterLocation == "West Europe")
        #expect(model.geographicCoordinateSystem?.horizontalCRSId == "EPSG:4326")
        #expect(
            model.links
                == IModel.Links(
                    creator: nil, changesets: Link(href: "https://a/c"), namedVersions: Link(href: "https://a/n"),
                    upload: Link(href: "https://a/u"), complete: Link(href: "https://a/d")))
        try roundTrip(model)
    }

    @Test func anIModelWithOnlyAnIdDecodes() throws {
        let model = try decode(IModel.self, #"{"id":"m1"}"#)
        #expect(model.id == "m1")
        #expect(model.name == "" && model.displayName == "")
        #expect(model.state == nil && model.createdDateTime == nil && model.iTwinId == nil && model.extent == nil)
        #expect(model.links == nil && model.isSecured == nil && model.containersEnabled == nil)
        try roundTrip(model)
    }

    @Test func nameAndDisplayNameStandInForEachOther() throws {
        #expect(try decode(IModel.self, #"{"id":"m1","displayName":"D"}"#).name == "D")
        #expect(try decode(IModel.self, #"{"id":"m1","name":"N"}"#).displayName == "N")
    }

    @Test func unknownValuesAndOddShapesAreTolerated() throws {
        let model = try decode(
            IModel.self,
            #"""
            {"id":"m1","name":"N","state":"migrating","createdDateTime":"yesterday","isSecured":"yes",
             "extent":"n/a","containersEnabled":"many","_links":[],"somethingNew":{"x":1}}
            """#)
        #expect(model.state?.rawValue == "migrating")
        #expect(model.state != .initialized && model.state != .notInitialized)
        #expect(model.createdDateTime == nil && model.isSecured == nil && model.extent == nil)
        #expect(model.containersEnabled == nil && model.links == nil)
    }

    @Test func anIModelWithoutAnIdIsADecodingError() {
        #expect(throws: DecodingError.self) { try decode(IModel.self, #"{"name":"N"}"#) }
    }

    // MARK: MinimalIModel

    @Test func theMinimalIModelDecodesAndRoundTrips() throws {
        let minimal = try decode(MinimalIModel.self, #"{"id":"m1","displayName":"Sun City"}"#)
        #expect(minimal == MinimalIModel(id: "m1", displayName: "Sun City"))
        #expect(try decode(MinimalIModel.self, #"{"id":"m2","name":"From name"}"#).displayName == "From name")
        #expect(try decode(MinimalIModel.self, #"{"id":"m3"}"#).displayName == "")
        try roundTrip(minimal)
    }

    // MARK: Changeset

    @Test func theDocumentedChangesetExampleDecodes() throws {
        let changeset = try JSONDecoder().decode(ChangesetBody.self, from: try fixture("changeset-details-200.json"))
            .changeset
        #expect(changeset.id == "1f2e04b666edce395e37a795e2231e995cbf8349")
        #expect(changeset.displayName == "256" && changeset.index == 256)
        #expect(changeset.description == "Changeset 15")
        #expect(changeset.parentId == "f7618612c572d7db8e3e6095d622d0d8aff22874")
        #expect(changeset.creatorId == "ea4dfb9f-7f66-4c6f-82c5-0efad1687d4e")
        #expect(changeset.pushDateTime == Date(timeIntervalSince1970: 1_603_191_093.17))
        #expect(changeset.state == .fileUploaded)
        #expect(changeset.containingChanges == 0 && changeset.fileSize == 1100 && changeset.briefcaseId == 2)
        #expect(changeset.groupId == nil)
        #expect(changeset.links?.selfLink?.href.hasSuffix("/changesets/256") == true)
        #expect(changeset.links?.creator != nil && changeset.links?.namedVersion != nil)
        #expect(changeset.links?.currentOrPrecedingCheckpoint?.href.hasSuffix("/checkpoint") == true)
        // The full representation's members (the Get Changeset details example).
        #expect(changeset.application == Changeset.Application(id: "imodelhub-app", name: "iModelHub Application"))
        #expect(changeset.synchronizationInfo?.taskId == "a7cc8e63-c4e6-4f02-9b34-6a3b5a4f5b1b")
        #expect(changeset.synchronizationInfo?.changedFiles == ["Sun City.dgn"])
        #expect(changeset.links?.download?.storageType == "azure")
        #expect(changeset.links?.download?.href.hasPrefix("https://imodelhubprodsa01.blob.core.windows.net/") == true)
        try roundTrip(changeset)
    }

    @Test func aMinimalChangesetDecodes() throws {
        let changeset = try decode(
            Changeset.self, #"{"id":"c1","index":1,"parentId":"","state":"waitingForFile","pushDateTime":null}"#)
        #expect(changeset.id == "c1" && changeset.index == 1 && changeset.parentId == "")
        #expect(changeset.state == .waitingForFile && changeset.pushDateTime == nil && changeset.links == nil)
        #expect(try decode(Changeset.self, #"{"id":"c2","index":2,"state":"archived"}"#).state?.rawValue == "archived")
        try roundTrip(changeset)
    }

    @Test func aChangesetWithoutIdOrIndexIsADecodingError() {
        #expect(throws: DecodingError.self) { try decode(Changeset.self, #"{"id":"c1"}"#) }
        #expect(throws: DecodingError.self) { try decode(Changeset.self, #"{"index":1}"#) }
    }

    @Test func changesetLinksEncodeSelfUnderItsWireName() throws {
        let changeset = Changeset(id: "c1", index: 1, links: .init(selfLink: Link(href: "https://a/c1")))
        let object = try JSONDecoder().decode(JSONValue.self, from: try JSONEncoder().encode(changeset))
        guard case .object(let fields) = object, case .object(let links)? = fields["_links"] else {
            Issue.record("expected _links in \(object)")
            return
        }
        #expect(links["self"] == .object(["href": .string("https://a/c1")]))
        #expect(links["selfLink"] == nil)
    }

    // MARK: ClonedFrom, ForkedFrom, CreateOperation

    @Test func clonedFromDecodesWithAnEmptyChangesetIdForBaselineOnly() throws {
        let cloned = try decode(ClonedFrom.self, #"{"iModelId":"src","changesetId":""}"#)
        #expect(cloned == ClonedFrom(iModelId: "src", changesetId: ""))
        #expect(try decode(ClonedFrom.self, #"{"iModelId":"src"}"#).changesetId == "")
        try roundTrip(ClonedFrom(iModelId: "src", changesetId: "13a61888798b687d41f7c748d7414b428766281f"))
    }

    @Test func forkedFromDecodesItsRelationshipId() throws {
        let operation = try decode(
            CreateOperation.self,
            #"""
            {"state":"successful","clonedFrom":null,
             "forkedFrom":{"iModelId":"main","changesetId":"abc","relationshipId":"rel-42"}}
            """#)
        #expect(operation.clonedFrom == nil)
        #expect(operation.forkedFrom == ForkedFrom(iModelId: "main", changesetId: "abc", relationshipId: "rel-42"))
        #expect(operation.sourceIModelId == "main")
        #expect(try decode(ForkedFrom.self, #"{"iModelId":"main"}"#) == ForkedFrom(iModelId: "main"))
        try roundTrip(operation)
        try roundTrip(ForkedFrom(iModelId: "main", changesetId: "", relationshipId: nil))
    }

    @Test func aCreateOperationWithoutOriginsDecodes() throws {
        let operation = try decode(CreateOperation.self, #"{"state":"successful"}"#)
        #expect(operation == CreateOperation(state: .successful))
        #expect(operation.sourceIModelId == nil)
        try roundTrip(operation)
        try roundTrip(CreateOperation(state: .scheduled, clonedFrom: ClonedFrom(iModelId: "src")))
    }

    @Test func aCreateOperationWithoutAStateIsADecodingError() {
        #expect(throws: DecodingError.self) { try decode(CreateOperation.self, #"{"clonedFrom":null}"#) }
    }

    // MARK: CreateOperationState

    @Test(arguments: ["mainIModelIsMissingFederationGuids", "sourceIsMissingFederationGuids"])
    func bothSpellingsOfMissingFederationGuidsAreTheKnownState(_ spelling: String) throws {
        let state = try decode(CreateOperation.self, #"{"state":"\#(spelling)"}"#).state
        #expect(state == .mainIModelIsMissingFederationGuids)
        #expect(state.rawValue == spelling)
        #expect(state.isKnown && state.isFailure && state.isTerminal)
        #expect(Set([state, CreateOperationState.mainIModelIsMissingFederationGuids]).count == 1)
        try roundTrip(state)
    }

    @Test func anUnknownStateDecodesAndIsNotFinished() throws {
        let state = try decode(CreateOperation.self, #"{"state":"copyingData"}"#).state
        #expect(state.rawValue == "copyingData")
        #expect(!state.isKnown && !state.isTerminal && !state.isFailure)
        #expect(state != .scheduled && state != .successful)
        try roundTrip(state)
    }

    @Test func stateComparisonIgnoresCase() {
        #expect(CreateOperationState(rawValue: "Successful") == .successful)
        #expect(CreateOperationState(rawValue: "FAILED").isFailure)
        #expect(CreateOperationState.failed != .successful)
        #expect(!CreateOperationState.scheduled.isTerminal && !CreateOperationState.waitingForFile.isTerminal)
        #expect(CreateOperationState.successful.isTerminal && !CreateOperationState.successful.isFailure)
    }

    // MARK: Round trips of the remaining values

    @Test func theRemainingValuesRoundTrip() throws {
        try roundTrip(
            IModel(
                id: "m1", name: "Name", description: "D", state: .initialized,
                createdDateTime: Date(timeIntervalSince1970: 1_603_191_093.17), iTwinId: "t1",
                extent: IModelExtent(
                    southWest: .init(latitude: 1.5, longitude: 2.5), northEast: .init(latitude: 3.5, longitude: 4.5)),
                dataCenterLocation: "East US", geographicCoordinateSystem: .init(horizontalCRSId: "EPSG:3857"),
                links: .init(changesets: Link(href: "https://a/c"))))
        try roundTrip(
            Changeset(
                id: "c1", index: 3, description: "d", parentId: "c0", creatorId: "u1",
                pushDateTime: Date(timeIntervalSince1970: 1_700_000_000), fileSize: 10, briefcaseId: 2,
                groupId: "g1",
                links: .init(
                    selfLink: Link(href: "https://a/s"), creator: Link(href: "https://a/u"),
                    namedVersion: Link(href: "https://a/n"), currentOrPrecedingCheckpoint: Link(href: "https://a/p"),
                    download: StorageLink(href: "https://storage/c1.cs", storageType: "google")),
                application: .init(id: "app", name: "App"),
                synchronizationInfo: .init(taskId: "t", changedFiles: nil)))
        try roundTrip(
            IModelExtent(southWest: .init(latitude: 0, longitude: 0), northEast: .init(latitude: 1, longitude: 1)))
        try roundTrip(IModelState.initialized)
        try roundTrip(ChangesetState.fileUploaded)
        try roundTrip(CreateOperationState.waitingForFile)
        try roundTrip(
            CreateOperation(
                state: .failed, clonedFrom: nil, forkedFrom: ForkedFrom(iModelId: "main", relationshipId: "rel")))
    }
}
