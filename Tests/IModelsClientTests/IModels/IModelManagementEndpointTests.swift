import Foundation
import IModelsClient
import IModelsTesting
import IModelsTestingTraits
import Testing

/// The exact requests of the iModel list's filters and order, `updateIModel` and `permissions(of:)`, and the
/// decoding of their documented answers.
@Suite(.verifiesStubTransports) struct IModelManagementEndpointTests {
    typealias F = IModelsFixtures

    static let sunCity = IModelExtent(
        southWest: .init(latitude: 46.13267702834806, longitude: 7.672120009938448),
        northEast: .init(latitude: 46.302763954781234, longitude: 7.835541640797823))

    // MARK: - Listing

    struct ListCase: Sendable, CustomTestStringConvertible {
        var name: String?
        var search: String?
        var state: IModelState?
        var orderBy: [IModelsOrder] = []
        var top: Int?
        var query: String
        var testDescription: String { query }
    }

    static let listCases: [ListCase] = [
        ListCase(query: ""),
        ListCase(search: "Sun City", query: "&$search=Sun%20City"),
        ListCase(search: "a&b=c", query: "&$search=a%26b%3Dc"),
        ListCase(state: .notInitialized, query: "&state=notInitialized"),
        ListCase(orderBy: [.nameDescending], query: "&$orderBy=name%20desc"),
        ListCase(orderBy: [.name, .createdDateTimeDescending], query: "&$orderBy=name%20asc%2CcreatedDateTime%20desc"),
        ListCase(top: 1000, query: "&$top=1000"),
        ListCase(
            name: "Pier 1", state: .initialized, orderBy: [.createdDateTime], top: 5,
            query: "&name=Pier%201&state=initialized&$orderBy=createdDateTime%20asc&$top=5"),
    ]

    @Test(arguments: listCases)
    func iModelsSendsTheFiltersAndOrder(_ item: ListCase) async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels", json: F.iModelsPage(["a"]))
        let items = try await makeClient(stub).iModels.iModels(
            in: "itwin-1", name: item.name, search: item.search, state: item.state, orderBy: item.orderBy,
            top: item.top
        ).collect()
        #expect(items.map(\.id) == ["a"])
        #expect(F.lines(stub) == ["GET \(F.base)/imodels?iTwinId=itwin-1\(item.query)"])
        let sent = try #require(stub.requests.first)
        expectIModelsHeaders(sent, hasBody: false)
        #expect(sent.headers["Prefer"] == "return=minimal")
        try stub.verify()
    }

    @Test func theQueryDecodesBackToTheValuesGiven() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels", json: F.iModelsPage([]))
        _ = try await makeClient(stub).iModels.iModels(
            in: "itwin-1", search: "50% & more", orderBy: [.nameDescending, .createdDateTime]
        ).collect()
        let query = try #require(URLComponents(url: stub.requests[0].url, resolvingAgainstBaseURL: false)?.queryItems)
        #expect(
            query == [
                URLQueryItem(name: "iTwinId", value: "itwin-1"), URLQueryItem(name: "$search", value: "50% & more"),
                URLQueryItem(name: "$orderBy", value: "name desc,createdDateTime asc"),
            ])
    }

    @Test func theFullVariantAsksForTheRepresentationAndDecodesIModels() async throws {
        let stub = StubTransport()
        let page = #"""
            {"iModels":[
              {"id":"f1","displayName":"Fork 1","name":"Fork 1","state":"notInitialized",
               "createdDateTime":"2026-01-01T00:00:00.0000000Z","iTwinId":"itwin-1","isSecured":false,
               "extent":null,"_links":{"creator":null}}],
             "_links":{"self":null,"prev":null,"next":null}}
            """#
        stub.enqueue(.get, "/imodels", json: page)
        let items = try await makeClient(stub).iModels.iModels(
            in: "itwin-1", state: .notInitialized, as: IModel.self
        ).collect()
        #expect(items.map(\.id) == ["f1"])
        #expect(items.first?.state == .notInitialized && items.first?.name == "Fork 1")
        #expect(items.first?.createdDateTime != nil)
        #expect(F.lines(stub) == ["GET \(F.base)/imodels?iTwinId=itwin-1&state=notInitialized"])
        #expect(stub.requests.first?.headers["Prefer"] == "return=representation")
        try stub.verify()
    }

    static let badLists: [(String?, String?, [IModelsOrder], Int?, String)] = [
        ("Pier", "Pi", [], nil, "name and search cannot be combined"),
        (nil, " ", [], nil, "search must not be blank"),
        ("", nil, [], nil, "name must not be blank"),
        (nil, nil, [.name, .nameDescending], nil, "orderBy names a property more than once"),
        (nil, nil, [], 0, "top must be in 1...1000"),
        (nil, nil, [], 1001, "top must be in 1...1000"),
    ]

    @Test(arguments: badLists)
    func badListInputIsRefusedBeforeSending(
        _ name: String?, _ search: String?, _ orderBy: [IModelsOrder], _ top: Int?, _ message: String
    ) async throws {
        let stub = StubTransport()
        for full in [false, true] {
            let client = makeClient(stub)
            let error = await captureError {
                if full {
                    _ = try await client.iModels.iModels(
                        in: "itwin-1", name: name, search: search, orderBy: orderBy, top: top, as: IModel.self
                    ).collect()
                } else {
                    _ = try await client.iModels.iModels(
                        in: "itwin-1", name: name, search: search, orderBy: orderBy, top: top
                    ).collect()
                }
            }
            guard case .invalidRequest(let text)? = error else {
                Issue.record("expected invalidRequest, got \(String(describing: error))")
                return
            }
            #expect(text.contains(message))
        }
        #expect(stub.requests.isEmpty)
    }

    @Test func orderDescriptionsAreTheWireClauses() {
        #expect(IModelsOrder.name.description == "name asc")
        #expect(IModelsOrder.nameDescending.description == "name desc")
        #expect(IModelsOrder.createdDateTime.description == "createdDateTime asc")
        #expect(IModelsOrder.createdDateTimeDescending.description == "createdDateTime desc")
        #expect(IModelsOrder(.createdDateTime, descending: true) == .createdDateTimeDescending)
    }

    // MARK: - Update

    @Test func updateSendsOnlyTheGivenFields() async throws {
        let stub = StubTransport()
        stub.enqueue(.patch, "/imodels/m1", json: F.iModel("m1", name: "New name"))
        let model = try await makeClient(stub).iModels.updateIModel("m1", name: "New name", description: nil)
        #expect(model.name == "New name")
        #expect(F.lines(stub) == ["PATCH \(F.base)/imodels/m1"])
        let sent = try #require(stub.requests.first)
        expectIModelsHeaders(sent, hasBody: true)
        #expect(try F.body(sent) == F.json(#"{"name":"New name"}"#))
        try stub.verify()
    }

    @Test func updateSendsTheDocumentedExampleAndDecodesTheAnswer() async throws {
        let stub = StubTransport()
        stub.enqueue(
            .patch, "/imodels/5e19bee0-3aea-4355-a9f0-c6df9989ee7d", body: try fixture("imodel-details-200.json"))
        let model = try await makeClient(stub).iModels.updateIModel(
            "5e19bee0-3aea-4355-a9f0-c6df9989ee7d", name: "Sun City Renewable-energy Plant",
            description: "Overall model of wind and solar farms in Sun City", extent: Self.sunCity)
        #expect(model.extent == Self.sunCity && model.state == .initialized)
        let expected = try JSONDecoder().decode(JSONValue.self, from: try fixture("update-imodel-request.json"))
        #expect(try F.body(stub.requests.first) == expected)
        try stub.verify()
    }

    @Test func anEmptyDescriptionIsSentToClearIt() async throws {
        let stub = StubTransport()
        stub.enqueue(.patch, "/imodels/m1", json: F.iModel("m1"))
        _ = try await makeClient(stub).iModels.updateIModel("m1", description: "")
        #expect(try F.body(stub.requests.first) == F.json(#"{"description":""}"#))
        try stub.verify()
    }

    static let badUpdates: [(String?, String?, IModelExtent?, String)] = [
        (nil, nil, nil, "at least one of name, description and extent"),
        (" ", nil, nil, "name must not be blank"),
        (String(repeating: "n", count: 256), nil, nil, "name must be at most 255"),
        (nil, String(repeating: "d", count: 256), nil, "description must be at most 255"),
        (
            nil, nil,
            IModelExtent(southWest: .init(latitude: -91, longitude: 0), northEast: .init(latitude: 0, longitude: 0)),
            "extent.southWest.latitude must be in -90...90"
        ),
        (
            nil, nil,
            IModelExtent(southWest: .init(latitude: 0, longitude: 0), northEast: .init(latitude: 0, longitude: 180.5)),
            "extent.northEast.longitude must be in -180...180"
        ),
        (
            nil, nil,
            IModelExtent(southWest: .init(latitude: .nan, longitude: 0), northEast: .init(latitude: 0, longitude: 0)),
            "latitude must be in -90...90"
        ),
    ]

    @Test(arguments: badUpdates)
    func badUpdatesAreRefusedBeforeSending(
        _ name: String?, _ description: String?, _ extent: IModelExtent?, _ message: String
    ) async throws {
        let stub = StubTransport()
        let error = await captureError {
            _ = try await makeClient(stub).iModels.updateIModel(
                "m1", name: name, description: description, extent: extent)
        }
        guard case .invalidRequest(let text)? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(text.contains(message), "\(text)")
        #expect(stub.requests.isEmpty)
    }

    @Test func updateIsRetriedAfterAServerErrorAsIdempotent() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.patch, "/imodels/m1", status: 500, json: "{}")
        stub.enqueue(.patch, "/imodels/m1", failure: connectionLost)
        stub.enqueue(.patch, "/imodels/m1", json: F.iModel("m1", name: "Renamed"))
        let client = makeClient(stub, clock: clock)
        let model = try await clock.run { try await client.iModels.updateIModel("m1", name: "Renamed") }
        #expect(model.name == "Renamed")
        #expect(F.lines(stub) == Array(repeating: "PATCH \(F.base)/imodels/m1", count: 3))
        #expect(Set(try stub.requests.map { try F.body($0) }).count == 1, "every attempt sends the same body")
        try stub.verify()
    }

    static let conflict = #"{"error":{"code":"iModelExists","message":"iModel with the same name already exists."}}"#

    @Test func aConflictAfterALostRenameIsTheRenameWhenTheIModelHasTheName() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        stub.enqueue(.patch, "/imodels/m1", failure: connectionLost)
        stub.enqueue(.patch, "/imodels/m1", status: 409, json: Self.conflict)
        stub.enqueue(.get, "/imodels/m1", json: F.iModel("m1", name: "Renamed"))
        let client = makeClient(stub, clock: clock)
        let model = try await clock.run { try await client.iModels.updateIModel("m1", name: "Renamed") }
        #expect(model.name == "Renamed")
        #expect(
            F.lines(stub) == [
                "PATCH \(F.base)/imodels/m1", "PATCH \(F.base)/imodels/m1", "GET \(F.base)/imodels/m1",
            ])
        try stub.verify()
    }

    @Test func aConflictForAnotherIModelsNameIsThrown() async throws {
        let stub = StubTransport()
        stub.enqueue(.patch, "/imodels/m1", status: 409, json: Self.conflict)
        stub.enqueue(.get, "/imodels/m1", json: F.iModel("m1", name: "Old name"))
        let error = await captureError { _ = try await makeClient(stub).iModels.updateIModel("m1", name: "Taken") }
        #expect(error?.apiError?.status == 409 && error?.apiError?.code == .iModelExists)
        #expect(error?.apiError?.operation == "updateIModel")
        try stub.verify()
    }

    @Test func aDescriptionOnlyUpdateDoesNotLookAfterAConflict() async throws {
        let stub = StubTransport()
        stub.enqueue(.patch, "/imodels/m1", status: 409, json: Self.conflict)
        let error = await captureError { _ = try await makeClient(stub).iModels.updateIModel("m1", description: "d") }
        #expect(error?.apiError?.status == 409)
        #expect(F.lines(stub) == ["PATCH \(F.base)/imodels/m1"])
        try stub.verify()
    }

    @Test func aRefusalIsNotRetried() async throws {
        let stub = StubTransport()
        stub.enqueue(
            .patch, "/imodels/m1", status: 403,
            json: #"{"error":{"code":"InsufficientPermissions","message":"No imodels_manage."}}"#)
        let error = await captureError { _ = try await makeClient(stub).iModels.updateIModel("m1", name: "N") }
        #expect(error?.apiError?.code == "InsufficientPermissions")
        #expect(stub.requests.count == 1)
        try stub.verify()
    }

    // MARK: - Permissions

    @Test func permissionsDecodesTheDocumentedValues() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/m1/permissions", body: try fixture("imodel-permissions-200.json"))
        let granted = try await makeClient(stub).iModels.permissions(of: "m1")
        #expect(granted == Set(IModelPermission.known))
        #expect(F.lines(stub) == ["GET \(F.base)/imodels/m1/permissions"])
        expectIModelsHeaders(try #require(stub.requests.first), hasBody: false)
        try stub.verify()
    }

    @Test func anUnknownPermissionDecodesWithItsSpelling() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/m1/permissions", json: #"{"permissions":["imodels_read","imodels_Future"]}"#)
        let granted = try await makeClient(stub).iModels.permissions(of: "m1")
        #expect(granted.contains(.read) && granted.count == 2)
        #expect(granted.contains { $0.rawValue == "imodels_Future" })
        #expect(granted.contains(IModelPermission(rawValue: "IMODELS_FUTURE")), "comparison ignores case")
        try stub.verify()
    }

    @Test func aMissingPermissionsMemberIsADecodingError() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/m1/permissions", json: #"{"other":[]}"#)
        let error = await captureError { _ = try await makeClient(stub).iModels.permissions(of: "m1") }
        guard case .decoding? = error else {
            Issue.record("expected a decoding error, got \(String(describing: error))")
            return
        }
    }

    @Test func aPreflightNamesWhatIsMissing() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/src/permissions", json: #"{"permissions":["imodels_webview"]}"#)
        let error = await captureError {
            try await makeClient(stub).iModels.requirePermissions(.transformationSource, on: "src")
        }
        guard case .missingPermissions(let shortfall)? = error else {
            Issue.record("expected missingPermissions, got \(String(describing: error))")
            return
        }
        #expect(
            shortfall.missing == [.read] && shortfall.iModelId == "src" && shortfall.preflight == .transformationSource)
        let message = shortfall.description
        #expect(message == "transformation needs imodels_read on the source iModel src; the caller lacks imodels_read.")
        try stub.verify()
    }

    @Test func aPreflightThatPassesReadsOnlyThePermissions() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/src/permissions", json: #"{"permissions":["imodels_manage","imodels_read"]}"#)
        let client = makeClient(stub)
        #expect(try await client.iModels.missingPermissions(for: .cloneSource, on: "src").isEmpty)
        try stub.verify()
    }

    @Test func aSecuredSourceNeedsWebViewOnTheIModel() async throws {
        let stub = StubTransport()
        let secured = #"{"iModel":{"id":"src","displayName":"S","name":"S","isSecured":true}}"#
        stub.enqueue(.get, "/imodels/src/permissions", json: #"{"permissions":["imodels_webview"]}"#)
        stub.enqueue(.get, "/imodels/src", json: secured)
        stub.enqueue(.get, "/imodels/src/permissions", json: #"{"permissions":[]}"#)
        stub.enqueue(.get, "/imodels/src", json: secured)
        let client = makeClient(stub)
        #expect(try await client.iModels.missingPermissions(for: .forkSource, on: "src").isEmpty)
        #expect(try await client.iModels.missingPermissions(for: .forkSource, on: "src") == [.webView])
        try stub.verify()
    }

    @Test func anUnsecuredSourceNeedsManage() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/src/permissions", json: #"{"permissions":["imodels_webview","imodels_read"]}"#)
        stub.enqueue(.get, "/imodels/src", json: F.iModel("src"))
        let error = await captureError {
            try await makeClient(stub).iModels.requirePermissions(.cloneSource, on: "src")
        }
        guard case .missingPermissions(let shortfall)? = error else {
            Issue.record("expected missingPermissions, got \(String(describing: error))")
            return
        }
        let message = shortfall.description
        #expect(message.contains("clone needs imodels_manage") && message.hasSuffix("lacks imodels_manage."))
        try stub.verify()
    }

    @Test func permissionsRefusesABlankIdBeforeSending() async throws {
        let stub = StubTransport()
        let error = await captureError { _ = try await makeClient(stub).iModels.permissions(of: "") }
        guard case .invalidRequest? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(stub.requests.isEmpty)
    }
}
