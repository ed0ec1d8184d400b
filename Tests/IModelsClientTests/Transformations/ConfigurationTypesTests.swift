import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

/// The typed configuration types: each sends its path and body (the six common fields and its parameters) exactly,
/// refuses bad parameters before sending, and decodes its documented shape.
@Suite(.verifiesStubTransports) struct ConfigurationTypesTests {
    static let zero = "00000000-0000-0000-0000-000000000000"

    private func request<P: ConfigurationParameters>(_ parameters: P) -> ConfigurationRequest<P> {
        ConfigurationRequest(
            transformName: "Example name", sourceProjectId: "p-source", sourceIModelId: "m-source",
            targetProjectId: "p-target", targetIModelId: "m-target", comment: "Example comment",
            parameters: parameters)
    }

    /// The configuration the stub answers with, of `type` with `parameters` (a JSON object text).
    private func answer(_ type: String, parameters: String) -> String {
        #"{"configuration":{"id":"c1","transformName":"Example name","comment":"Example comment","#
            + #""createdDateTime":"2021-08-02T14:51:33.6133333Z","transformType":"\#(type)","#
            + #""transformParameters":\#(parameters)}}"#
    }

    private func json(_ data: Data?) throws -> NSDictionary {
        let data = try #require(data)
        let object = try JSONSerialization.jsonObject(with: data)
        return try #require(object as? NSDictionary)
    }

    /// Sends `parameters` through the typed entry point and checks path, headers and the whole body.
    private func expectSent<P: ConfigurationParameters>(
        _ parameters: P, path: String, type: String, wire: String, decoded: TransformParameters
    ) async throws {
        let stub = StubTransport()
        stub.enqueue(.post, PathPattern(path), status: 201, json: answer(type, parameters: wire))
        let configuration = try await makeClient(stub).transformations.createConfiguration(request(parameters))
        let sent = try #require(stub.requests.first)
        #expect(sent.method == .post)
        #expect(sent.url.absoluteString == "https://api.example.test\(path)")
        #expect(sent.headers["Accept"] == "application/vnd.bentley.itwin-platform.v1+json")
        #expect(sent.headers["Content-Type"] == "application/json")
        let expected: NSDictionary = [
            "transformName": "Example name", "sourceProjectId": "p-source", "sourceIModelId": "m-source",
            "targetProjectId": "p-target", "targetIModelId": "m-target", "comment": "Example comment",
            "transformParameters": try json(Data(wire.utf8)),
        ]
        #expect(try json(sent.body) == expected)
        #expect(sent.operation == "create\(type)Configuration")
        #expect(configuration.transformType.rawValue == type)
        #expect(configuration.parameters == decoded)
    }

    @Test func filterIModel() async throws {
        let parameters = FilterIModelParameters(
            ecSql: "SELECT ECInstanceId FROM bis.PhysicalElement", inclusive: true, includeChildren: true)
        try await expectSent(
            parameters, path: "/transformations/configurations/filterimodel", type: "FilterIModel",
            wire: #"{"ecSql":"SELECT ECInstanceId FROM bis.PhysicalElement","inclusive":true,"includeChildren":true}"#,
            decoded: .filterIModel(parameters))
    }

    @Test func filterIModelLeavesOutUnsetFlags() async throws {
        let parameters = FilterIModelParameters(ecSql: "SELECT ECInstanceId FROM bis.Element")
        try await expectSent(
            parameters, path: "/transformations/configurations/filterimodel", type: "FilterIModel",
            wire: #"{"ecSql":"SELECT ECInstanceId FROM bis.Element"}"#, decoded: .filterIModel(parameters))
    }

    @Test func filterByViewDefinition() async throws {
        let parameters = FilterByViewDefinitionParameters(
            models: ["0x20000000001"], categories: ["0x2000000003c"], hiddenModels: ["0x2"], hiddenCategories: [],
            neverDrawn: ["0x3"], alwaysDrawn: ["0x4"], isAlwaysDrawnExclusive: false,
            subCategoryOvr: [.init(subCategory: "0x5", invisible: true)],
            clip: .object(["shapes": .array([.object(["zlow": .number(1), "zhigh": .number(5)])])]))
        try await expectSent(
            parameters, path: "/transformations/configurations/filterbyviewdefinition",
            type: "FilterByViewDefinition",
            wire: #"{"models":["0x20000000001"],"hiddenModels":["0x2"],"categories":["0x2000000003c"],"#
                + #""hiddenCategories":[],"neverDrawn":["0x3"],"alwaysDrawn":["0x4"],"isAlwaysDrawnExclusive":false,"#
                + #""subCategoryOvr":[{"subCategory":"0x5","invisible":true}],"clip":{"shapes":[{"zlow":1,"zhigh":5}]}}"#,
            decoded: .filterByViewDefinition(parameters))
    }

    @Test func filterSubCategories() async throws {
        let parameters = FilterSubCategoriesParameters(subCategoryNames: ["Hidden Lines", "Construction"])
        try await expectSent(
            parameters, path: "/transformations/configurations/filtersubcategories", type: "FilterSubCategories",
            wire: #"{"subCategoryNames":["Hidden Lines","Construction"]}"#, decoded: .filterSubCategories(parameters))
    }

    @Test func filterBySavedView() async throws {
        let parameters = FilterBySavedViewParameters(savedViewId: "sv-1", viewMode: .includeNewContent)
        try await expectSent(
            parameters, path: "/transformations/configurations/filterbysavedview", type: "FilterBySavedView",
            wire: #"{"savedViewId":"sv-1","viewMode":"IncludeNewContent"}"#, decoded: .filterBySavedView(parameters))
    }

    @Test func combineIModels() async throws {
        let parameters = CombineIModelsParameters(iModels: [
            .init(iModelId: "m-2", projectId: "p-2"), .init(iModelId: "m-3", projectId: "p-3"),
        ])
        try await expectSent(
            parameters, path: "/transformations/configurations/combineimodels", type: "CombineIModels",
            wire: #"{"iModels":[{"iModelId":"m-2","projectId":"p-2"},{"iModelId":"m-3","projectId":"p-3"}]}"#,
            decoded: .combineIModels(parameters))
    }

    @Test func combinePhysicalModels() async throws {
        let parameters = CombinePhysicalModelsParameters(numberOfModels: 10, simplifyGeometry: true)
        try await expectSent(
            parameters, path: "/transformations/configurations/combinephysicalmodels", type: "CombinePhysicalModels",
            wire: #"{"numberOfModels":10,"simplifyGeometry":true}"#, decoded: .combinePhysicalModels(parameters))
    }

    @Test func combinePhysicalModelsV2() async throws {
        let parameters = CombinePhysicalModelsV2Parameters(
            modelGroups: [.init(targetModelName: "Structure", sourceModelsQuery: "SELECT * FROM bis.PhysicalModel")],
            groupUnselectedModels: true, unselectedModelsGroupName: "Other", simplifyGeometry: false)
        try await expectSent(
            parameters, path: "/transformations/configurations/combinephysicalmodelsv2",
            type: "CombinePhysicalModelsV2",
            wire:
                #"{"modelGroups":[{"targetModelName":"Structure","sourceModelsQuery":"SELECT * FROM bis.PhysicalModel"}],"#
                + #""groupUnselectedModels":true,"unselectedModelsGroupName":"Other","simplifyGeometry":false}"#,
            decoded: .combinePhysicalModelsV2(parameters))
    }

    @Test func alignIModelData() async throws {
        let parameters = AlignIModelDataParameters(
            schemaOptimizationOptions: .init(
                removeUnusedClasses: true,
                classMergingGroups: [
                    .init(sourceECClasses: [.init(ecClassName: "Pier", ecSchemaName: "Bridge")], targetECClass: "B:P")
                ]),
            dataRemappingOptions: .init(
                additionalECSchemas: [.init(ecSchemaName: "Extra", ecSchemaVersion: "01.00.00")],
                elementGroups: [.init(targetECClass: "B:P", elementPropertyQuery: "SELECT * FROM Bridge.Pier")]))
        try await expectSent(
            parameters, path: "/transformations/configurations/alignimodeldata", type: "AlignIModelData",
            wire: #"{"schemaOptimizationOptions":{"removeUnusedClasses":true,"classMergingGroups":[{"#
                + #""sourceECClasses":[{"ecClassName":"Pier","ecSchemaName":"Bridge"}],"targetECClass":"B:P"}]},"#
                + #""dataRemappingOptions":{"additionalECSchemas":[{"ecSchemaName":"Extra","ecSchemaVersion":"01.00.00"}],"#
                + #""elementGroups":[{"targetECClass":"B:P","elementPropertyQuery":"SELECT * FROM Bridge.Pier"}]}}"#,
            decoded: .alignIModelData(parameters))
    }

    /// Each rule of the pages (and the SDK's stricter choices), refused before anything is sent.
    struct Refusal: Sendable, CustomTestStringConvertible {
        let field: String
        let check: @Sendable () throws -> Void
        var testDescription: String { field }
        init(_ field: String, _ check: @escaping @Sendable () throws -> Void) {
            self.field = field
            self.check = check
        }
    }

    static let refusals: [Refusal] = [
        Refusal("ecSql") { try FilterIModelParameters(ecSql: " ").validate() },
        Refusal("includeChildren") { try FilterIModelParameters(ecSql: "q", includeChildren: true).validate() },
        Refusal("models") { try FilterByViewDefinitionParameters(models: [], categories: ["c"]).validate() },
        Refusal("categories") { try FilterByViewDefinitionParameters(models: ["m"], categories: [""]).validate() },
        Refusal("neverDrawn") {
            try FilterByViewDefinitionParameters(models: ["m"], categories: ["c"], neverDrawn: [" "]).validate()
        },
        Refusal("clip") {
            try FilterByViewDefinitionParameters(models: ["m"], categories: ["c"], clip: .object([:])).validate()
        },
        Refusal("subCategoryNames") { try FilterSubCategoriesParameters(subCategoryNames: []).validate() },
        Refusal("savedViewId") { try FilterBySavedViewParameters(savedViewId: "").validate() },
        Refusal("iModels") { try CombineIModelsParameters(iModels: []).validate() },
        Refusal("iModels.projectId") {
            try CombineIModelsParameters(iModels: [.init(iModelId: "m", projectId: " ")]).validate()
        },
        Refusal("numberOfModels") { try CombinePhysicalModelsParameters(numberOfModels: 0).validate() },
        Refusal("modelGroups") { try CombinePhysicalModelsV2Parameters(modelGroups: []).validate() },
        Refusal("unselectedModelsGroupName") {
            try CombinePhysicalModelsV2Parameters(
                modelGroups: [.init(targetModelName: "t", sourceModelsQuery: "q")], groupUnselectedModels: true
            ).validate()
        },
        Refusal("AlignIModelData") { try AlignIModelDataParameters().validate() },
        Refusal("elementGroups.elementPropertyQuery") {
            try AlignIModelDataParameters(
                dataRemappingOptions: .init(elementGroups: [.init(targetECClass: "a:b", elementPropertyQuery: "")])
            ).validate()
        },
    ]

    @Test(arguments: refusals)
    func invalidParametersAreRefused(_ refusal: Refusal) throws {
        do {
            try refusal.check()
            Issue.record("\(refusal.field): accepted")
        } catch ITwinClientError.invalidRequest(let reason) {
            #expect(reason.contains(refusal.field))
        }
    }

    @Test func invalidParametersSendNothing() async throws {
        let stub = StubTransport()
        let error = await captureError {
            _ = try await makeClient(stub).transformations.createConfiguration(
                request(FilterSubCategoriesParameters(subCategoryNames: [])))
        }
        guard case .invalidRequest? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(stub.requests.isEmpty)
        var blank = request(FilterIModelParameters(ecSql: "q"))
        blank.comment = " "
        let blankError = await captureError {
            _ = try await makeClient(stub).transformations.createConfiguration(blank)
        }
        guard case .invalidRequest(let reason)? = blankError else {
            Issue.record("expected invalidRequest, got \(String(describing: blankError))")
            return
        }
        #expect(reason.contains("comment"))
        #expect(stub.requests.isEmpty)
    }

    // MARK: The generic entry point

    @Test func genericCreateSendsTheParametersAsGiven() async throws {
        let stub = StubTransport()
        stub.enqueue(
            .post, "/transformations/configurations/somenewtype", status: 201,
            json: answer("SomeNewType", parameters: #"{"option":[1,"two"]}"#))
        let configuration = try await makeClient(stub).transformations.createConfiguration(
            type: "SomeNewType", transformName: "Example name", sourceProjectId: "p-source",
            sourceIModelId: "m-source", targetProjectId: "p-target", targetIModelId: "m-target",
            comment: "Example comment", transformParameters: .object(["option": .array([.number(1), .string("two")])]))
        let sent = try #require(stub.requests.first)
        #expect(sent.url.path == "/transformations/configurations/somenewtype")
        let body = try json(sent.body)
        #expect(body["transformParameters"] as? NSDictionary == ["option": [1, "two"]])
        #expect(body["transformName"] as? String == "Example name")
        #expect(body.count == 7)
        #expect(configuration.parameters == .unknown(.object(["option": .array([.number(1), .string("two")])])))
    }

    @Test func genericCreateWithoutParametersLeavesThemOut() async throws {
        let stub = StubTransport()
        stub.enqueue(
            .post, "/transformations/configurations/somenewtype", status: 201,
            json: answer("SomeNewType", parameters: "null"))
        _ = try await makeClient(stub).transformations.createConfiguration(
            type: "SomeNewType", transformName: "n", sourceProjectId: "p", sourceIModelId: "a", targetProjectId: "p",
            targetIModelId: "b", comment: "c")
        #expect(try json(stub.requests.first?.body)["transformParameters"] == nil)
    }

    @Test(
        arguments: [
            ("../imodels", JSONValue?.none), ("", nil), ("Filter IModel", nil), ("FilterIModel", .array([])),
            ("FilterIModel", .string("x")),
        ] as [(String, JSONValue?)])
    func genericCreateRefusesUnsafeTypesAndNonObjects(_ type: String, _ parameters: JSONValue?) async throws {
        let stub = StubTransport()
        let error = await captureError {
            _ = try await makeClient(stub).transformations.createConfiguration(
                type: TransformType(rawValue: type), transformName: "n", sourceProjectId: "p", sourceIModelId: "a",
                targetProjectId: "p", targetIModelId: "b", comment: "c", transformParameters: parameters)
        }
        guard case .invalidRequest? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(stub.requests.isEmpty)
    }

    // MARK: Decoding

    /// A modelled type whose parameters lack a required member keeps them raw; unknown members of a typed one are
    /// dropped.
    @Test func decodingIsLenientAndLosesNothingRequired() throws {
        let broken = try JSONDecoder().decode(
            TransformationConfiguration.self,
            from: Data(#"{"id":"c","transformType":"FilterIModel","transformParameters":{"inclusive":true}}"#.utf8))
        #expect(broken.parameters == .unknown(.object(["inclusive": .bool(true)])))
        let extra = try JSONDecoder().decode(
            TransformationConfiguration.self,
            from: Data(
                #"{"id":"c","transformType":"filtersubcategories","transformParameters":{"subCategoryNames":["a"],"later":1}}"#
                    .utf8))
        #expect(extra.parameters == .filterSubCategories(.init(subCategoryNames: ["a"])))
        let unknown = try JSONDecoder().decode(
            TransformationConfiguration.self,
            from: Data(#"{"id":"c","transformType":"GroupAndMap","transformParameters":{"mappingId":"m"}}"#.utf8))
        #expect(unknown.parameters == .unknown(.object(["mappingId": .string("m")])))
        let emptyAlign = try JSONDecoder().decode(
            TransformationConfiguration.self,
            from: Data(#"{"id":"c","transformType":"AlignIModelData","transformParameters":{"later":1}}"#.utf8))
        #expect(emptyAlign.parameters == .unknown(.object(["later": .number(1)])))
        for configuration in [broken, extra, unknown, emptyAlign] {
            let again = try JSONDecoder().decode(
                TransformationConfiguration.self, from: try JSONEncoder().encode(configuration))
            #expect(again == configuration)
        }
    }

    @Test func everyModelledTypeRoundTrips() throws {
        let all: [TransformParameters] = [
            .filterIModel(.init(ecSql: "q", inclusive: false)),
            .filterByViewDefinition(.init(models: ["m"], categories: ["c"], isAlwaysDrawnExclusive: true)),
            .filterSubCategories(.init(subCategoryNames: ["s"])),
            .filterBySavedView(.init(savedViewId: "v")),
            .combineIModels(.init(iModels: [.init(iModelId: "a", projectId: "p")])),
            .combinePhysicalModels(.init(numberOfModels: 5)),
            .combinePhysicalModelsV2(.init(modelGroups: [.init(targetModelName: "t", sourceModelsQuery: "q")])),
            .alignIModelData(.init(schemaOptimizationOptions: .init(removeUnusedClasses: true))),
        ]
        let types: [TransformType] = [
            .filterIModel, .filterByViewDefinition, .filterSubCategories, .filterBySavedView, .combineIModels,
            .combinePhysicalModels, .combinePhysicalModelsV2, .alignIModelData,
        ]
        for (type, parameters) in zip(types, all) {
            let configuration = TransformationConfiguration(
                id: "c", transformName: "n", transformType: type, parameters: parameters)
            let again = try JSONDecoder().decode(
                TransformationConfiguration.self, from: try JSONEncoder().encode(configuration))
            #expect(again == configuration, "\(type)")
        }
    }
}
