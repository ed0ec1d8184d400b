import Foundation
import IModelsClient
import Testing

@Suite struct TransformationModelsTests {
    private struct ConfigurationBody: Decodable { var configuration: TransformationConfiguration }
    private struct TransformationBody: Decodable { var transformation: Transformation }

    private func configuration(_ json: String) throws -> TransformationConfiguration {
        try JSONDecoder().decode(TransformationConfiguration.self, from: Data(json.utf8))
    }

    private func run(_ json: String) throws -> Transformation {
        try JSONDecoder().decode(Transformation.self, from: Data(json.utf8))
    }

    private func roundTrip<Value: Codable & Equatable>(_ value: Value) throws -> Value {
        try JSONDecoder().decode(Value.self, from: try JSONEncoder().encode(value))
    }

    private func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    // MARK: TransformationConfiguration

    @Test func theSeedAnswerDecodesEveryDocumentedField() throws {
        let decoded = try JSONDecoder().decode(
            ConfigurationBody.self, from: try fixture("import-imodel-configuration-201.json")
        ).configuration
        let zero = "00000000-0000-0000-0000-000000000000"
        #expect(decoded.id == zero)
        #expect(decoded.transformName == "Transformation name")
        #expect(decoded.comment == "comment")
        let created = try #require(decoded.createdDateTime).timeIntervalSince1970
        let modified = try #require(decoded.modifiedDateTime).timeIntervalSince1970
        #expect(abs(created - 1_627_915_893.6133333) < 0.001)
        #expect(abs(modified - 1_627_915_953.6133333) < 0.001)
        #expect(decoded.transformType == .importIModel)
        #expect(decoded.parameters == .importIModel(fedGuidsOfRepositoriesToExport: [zero]))
        #expect(decoded.links?.sourceIModel?.href == "https://api.bentley.com/imodels/\(zero)")
        #expect(decoded.links?.targetIModel?.href == "https://api.bentley.com/imodels/\(zero)")
        #expect(decoded.links?.sourceProject?.href == "https://api.bentley.com/itwins/\(zero)")
        #expect(decoded.links?.targetProject?.href == "https://api.bentley.com/itwins/\(zero)")
        #expect(decoded.sourceIModelId == zero && decoded.targetIModelId == zero)
        #expect(try roundTrip(decoded) == decoded)
    }

    @Test func aWholeIModelImportHasNoParametersAndEncodesNone() throws {
        let decoded = try configuration(
            #"{"id":"c1","transformName":"n","transformType":"ImportIModel","comment":null}"#)
        #expect(decoded.transformType == .importIModel)
        #expect(decoded.parameters == .none)
        #expect(decoded.comment == nil)
        #expect(try object(try JSONEncoder().encode(decoded))["transformParameters"] == nil)
        let emptyList = try configuration(
            #"{"id":"c1","transformType":"ImportIModel","transformParameters":{"fedGuidsOfRepositoriesToExport":[]}}"#)
        #expect(emptyList.parameters == .none)
    }

    @Test(arguments: ["MergeIModel", "PopulateFederationGuids"])
    func knownTypesWithoutParametersDecodeToNone(_ type: String) throws {
        let decoded = try configuration(#"{"id":"c1","transformName":"n","transformType":"\#(type)"}"#)
        #expect(decoded.transformType.rawValue == type)
        #expect(decoded.transformType.isKnownTransformationsType)
        #expect(decoded.parameters == .none)
    }

    /// A type the SDK models keeps only the parameters it models: anything else under `transformParameters` is not
    /// passed off as the raw parameters of an unknown type.
    @Test(
        arguments: [
            ("MergeIModel", #"{"direction":"forkToMain"}"#, TransformParameters.none),
            ("PopulateFederationGuids", #""all""#, .none),
            ("populatefederationguids", "[1,2]", .none),
            ("ImportIModel", #"{"fedGuidsOfRepositoriesToExport":"g","other":1}"#, .none),
            (
                "ImportIModel", #"{"fedGuidsOfRepositoriesToExport":["g"],"extra":true}"#,
                .importIModel(fedGuidsOfRepositoriesToExport: ["g"])
            ),
        ] as [(String, String, TransformParameters)])
    func modelledTypesKeepOnlyTheirParameters(_ type: String, _ json: String, _ expected: TransformParameters) throws {
        let decoded = try configuration(#"{"id":"c1","transformType":"\#(type)","transformParameters":\#(json)}"#)
        #expect(decoded.parameters == expected)
        #expect(try roundTrip(decoded) == decoded)
    }

    @Test func theTypeIsMatchedWithoutRegardToCase() throws {
        let decoded = try configuration(
            #"{"id":"c1","transformType":"importimodel","transformParameters":{"fedGuidsOfRepositoriesToExport":["g"]}}"#
        )
        #expect(decoded.transformType == .importIModel)
        #expect(decoded.transformType.rawValue == "importimodel")
        #expect(decoded.parameters == .importIModel(fedGuidsOfRepositoriesToExport: ["g"]))
    }

    /// API.md §3.4's Get configuration example: FilterByViewDefinition is modelled, but these illustrative parameters
    /// lack its `models` and `categories`, so they are kept raw rather than lost.
    @Test func parametersWithoutTheDocumentedShapeAreKeptRaw() throws {
        let decoded = try JSONDecoder().decode(
            ConfigurationBody.self, from: try fixture("configuration-filterbyviewdefinition.json")
        ).configuration
        #expect(decoded.transformType == .filterByViewDefinition)
        #expect(
            decoded.parameters
                == .unknown(
                    .object(["viewDefinitionId": .string("0x20000000001"), "isAlwaysDrawnExclusive": .bool(true)])))
        #expect(decoded.sourceIModelId == "00000000-0000-0000-0000-000000000000")
        #expect(decoded.targetIModelId == nil)
        let encoded = try object(try JSONEncoder().encode(decoded))
        let parameters = try #require(encoded["transformParameters"] as? [String: Any])
        #expect(parameters["viewDefinitionId"] as? String == "0x20000000001")
        #expect(parameters["isAlwaysDrawnExclusive"] as? Bool == true)
        #expect(encoded["transformType"] as? String == "FilterByViewDefinition")
        #expect(try roundTrip(decoded) == decoded)
    }

    @Test func anUnknownTypeWithoutParametersHasNone() throws {
        #expect(try configuration(#"{"id":"c1","transformType":"GroupAndMap"}"#).parameters == .none)
        #expect(
            try configuration(#"{"id":"c1","transformType":"GroupAndMap","transformParameters":{}}"#).parameters
                == .none)
    }

    @Test func onlyTheIdIsRequired() throws {
        let decoded = try configuration(#"{"id":"c1","transformName":5,"_links":"nope"}"#)
        #expect(decoded.id == "c1" && decoded.transformName == "" && decoded.links == nil)
        #expect(throws: DecodingError.self) { try configuration(#"{"transformName":"n"}"#) }
    }

    // MARK: Transformation

    @Test func theDocumentedRunDecodesEveryField() throws {
        let decoded = try JSONDecoder().decode(
            TransformationBody.self, from: try fixture("transformation-aborted.json")
        )
        .transformation
        #expect(decoded.id == "9d3b7a36-1d3f-4b7e-9a4e-1f2f0b6c8a10")
        #expect(decoded.status == .aborted)
        #expect(decoded.errorMessage == "")
        #expect(decoded.errorCode == nil)
        #expect(decoded.processedElementCount == 0 && decoded.totalElementCount == 100)
        #expect(decoded.progress == 0)
        #expect(abs(try #require(decoded.createdDateTime).timeIntervalSince1970 - 1_709_650_293.6133333) < 0.001)
        #expect(abs(try #require(decoded.startedDateTime).timeIntervalSince1970 - 1_709_650_353.6133333) < 0.001)
        #expect(abs(try #require(decoded.finishedDateTime).timeIntervalSince1970 - 1_709_650_413.6133333) < 0.001)
        #expect(decoded.sourceChangeSetId == "0" && decoded.lastTargetChangesetPushed == "0")
        #expect(decoded.configurationId == "3c1e2f44-6a8b-4c2d-9e1f-5a6b7c8d9e0f")
        #expect(try roundTrip(decoded) == decoded)
    }

    @Test(
        arguments: [
            (#""errorCode":3"#, "3"), (#""errorCode":"ConflictingSchemas""#, "ConflictingSchemas"),
            (#""errorCode":null"#, nil), (#""errorCode":{"x":1}"#, nil), ("\"other\":1", nil),
        ] as [(String, String?)])
    func theErrorCodeIsANumberOrAString(_ member: String, _ expected: String?) throws {
        let decoded = try run(#"{"id":"r1","status":"Failed","errorMessage":"Boom.",\#(member)}"#)
        #expect(decoded.errorCode == expected)
        #expect(decoded.errorMessage == "Boom.")
    }

    @Test func progressIsTheProcessedShareWhenTheTotalIsKnown() throws {
        #expect(
            try run(#"{"id":"r","status":"Started","processedElementCount":25,"totalElementCount":100}"#).progress
                == 0.25)
        #expect(
            try run(#"{"id":"r","status":"Started","processedElementCount":25,"totalElementCount":0}"#).progress == nil)
        #expect(try run(#"{"id":"r","status":"Started"}"#).progress == nil)
        #expect(
            try run(#"{"id":"r","status":"Started","processedElementCount":250,"totalElementCount":100}"#).progress == 1
        )
    }

    @Test func idAndStatusAreRequiredAndTheRestIsLenient() throws {
        let decoded = try run(
            #"{"id":"r","status":"Started","processedElementCount":"many","startedDateTime":"yesterday","_links":null}"#
        )
        #expect(decoded.processedElementCount == nil && decoded.startedDateTime == nil && decoded.links == nil)
        #expect(throws: DecodingError.self) { try run(#"{"id":"r"}"#) }
        #expect(throws: DecodingError.self) { try run(#"{"status":"Started"}"#) }
    }

    // MARK: TransformationStatus

    @Test(arguments: ["Created", "Initializing", "Started", "Succeeded", "Failed", "Aborted"])
    func everyDocumentedStatusIsKnown(_ raw: String) throws {
        let status = try run(#"{"id":"r","status":"\#(raw)"}"#).status
        #expect(status.isKnown)
        #expect(status.rawValue == raw)
        #expect(status.isTerminal == ["Succeeded", "Failed", "Aborted"].contains(raw))
    }

    @Test func anUnknownStatusIsToleratedAndKeptAsSent() throws {
        let decoded = try run(#"{"id":"r","status":"Queued"}"#)
        #expect(decoded.status.rawValue == "Queued")
        #expect(!decoded.status.isKnown && !decoded.status.isTerminal)
        let encoded = try object(try JSONEncoder().encode(decoded))
        #expect(encoded["status"] as? String == "Queued")
        #expect(TransformationStatus(rawValue: "SUCCEEDED") == .succeeded)
        #expect(TransformationStatus(rawValue: "SUCCEEDED").isTerminal)
    }
}

extension TransformType {
    /// Whether the type is one of the three this SDK models.
    fileprivate var isKnownTransformationsType: Bool {
        [.importIModel, .mergeIModel, .populateFederationGuids].contains(self)
    }
}
