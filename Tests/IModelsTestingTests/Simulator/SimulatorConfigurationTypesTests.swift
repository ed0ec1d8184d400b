import Foundation
import IModelsClient
import IModelsTesting
import Testing

/// The configuration types beyond ImportIModel, MergeIModel and PopulateFederationGuids: the simulator takes their
/// parameters as the pages describe them, refuses what the docs (or its stricter choices) do not allow, and runs them.
@Suite struct SimulatorConfigurationTypesTests {
    static let valid: [(path: String, type: String, parameters: String)] = [
        (
            "filterimodel", "FilterIModel",
            #"{"ecSql":"SELECT ECInstanceId FROM bis.Element","inclusive":true,"includeChildren":true}"#
        ),
        (
            "filterbyviewdefinition", "FilterByViewDefinition",
            #"{"models":["0x1"],"categories":["0x2"],"neverDrawn":[],"isAlwaysDrawnExclusive":false,"subCategoryOvr":[{"subCategory":"0x3","invisible":true}],"clip":{"shapes":[]}}"#
        ),
        ("filtersubcategories", "FilterSubCategories", #"{"subCategoryNames":["Hidden"]}"#),
        ("filterbysavedview", "FilterBySavedView", #"{"savedViewId":"sv","viewMode":"IncludeNewContent"}"#),
        ("combinephysicalmodels", "CombinePhysicalModels", #"{"numberOfModels":5,"simplifyGeometry":true}"#),
        (
            "combinephysicalmodelsv2", "CombinePhysicalModelsV2",
            #"{"modelGroups":[{"targetModelName":"S","sourceModelsQuery":"SELECT * FROM bis.PhysicalModel"}],"groupUnselectedModels":true,"unselectedModelsGroupName":"Rest"}"#
        ),
        (
            "alignimodeldata", "AlignIModelData",
            #"{"schemaOptimizationOptions":{"removeUnusedClasses":true,"classMergingGroups":[{"sourceECClasses":[{"ecClassName":"A","ecSchemaName":"S"}],"targetECClass":"S:B"}]},"dataRemappingOptions":{"elementGroups":[{"targetECClass":"S:B","elementPropertyQuery":"SELECT * FROM S.A"}]}}"#
        ),
    ]

    @Test(arguments: valid.indices)
    func eachTypeIsCreatedWithItsParametersAndRuns(_ index: Int) async throws {
        let (path, type, parameters) = Self.valid[index]
        let bench = SimulatorFixture.transformations()
        let answer = try await bench.send(
            .post, "/transformations/configurations/\(path)",
            json: bench.configurationBody(extra: #""transformParameters":\#(parameters)"#))
        #expect(answer.status == 201, "\(answer.text)")
        let configuration = try #require(answer.configuration)
        #expect(configuration.transformType.rawValue == type)
        if case .unknown = configuration.parameters { Issue.record("\(type): parameters not decoded") }
        let sent = try #require(try JSONSerialization.jsonObject(with: Data(parameters.utf8)) as? NSDictionary)
        #expect(answer.rawConfiguration?["transformParameters"] as? NSDictionary == sent)
        let read = try await bench.send(.get, "/transformations/configurations/\(configuration.id)")
        #expect(read.configuration == configuration)
        let changesets = bench.simulator.changesets(of: bench.target).count
        let run = try await bench.run(configuration.id)
        bench.finishEverything()
        #expect(try await bench.get(run.id).status == .succeeded)
        #expect(bench.simulator.changesets(of: bench.target).count == changesets + 1)
    }

    @Test func combineIModelsNeedsItsIModelsToExist() async throws {
        let bench = SimulatorFixture.transformations()
        let path = "/transformations/configurations/combineimodels"
        let good = try await bench.send(
            .post, path,
            json: bench.configurationBody(
                extra:
                    #""transformParameters":{"iModels":[{"iModelId":"\#(bench.secondSource)","projectId":"\#(bench.iTwin)"}]}"#
            ))
        #expect(good.status == 201, "\(good.text)")
        let missing = try await bench.send(
            .post, path,
            json: bench.configurationBody(
                extra: #""transformParameters":{"iModels":[{"iModelId":"nope","projectId":"\#(bench.iTwin)"}]}"#))
        #expect(missing.status == 404)
        #expect(missing.error?.code == "IModelNotFound")
    }

    /// (path, parameters, expected detail code, expected target)
    static let refused: [(String, String, String, String)] = [
        ("filterimodel", "null", "MissingRequiredProperty", "transformParameters"),
        ("filterimodel", #"{"inclusive":true}"#, "MissingRequiredProperty", "transformParameters.ecSql"),
        ("filterimodel", #"{"ecSql":" "}"#, "InvalidValue", "transformParameters.ecSql"),
        (
            "filterimodel", #"{"ecSql":"q","includeChildren":true}"#, "InvalidValue",
            "transformParameters.includeChildren"
        ),
        (
            "filterimodel", #"{"ecSql":"q","viewDefinitionId":"0x1"}"#, "InvalidRequestBody",
            "transformParameters.viewDefinitionId"
        ),
        ("filterbyviewdefinition", #"{"models":[],"categories":["c"]}"#, "InvalidValue", "transformParameters.models"),
        ("filterbyviewdefinition", #"{"models":["m"]}"#, "MissingRequiredProperty", "transformParameters.categories"),
        (
            "filterbyviewdefinition", #"{"models":["m"],"categories":["c"],"clip":{}}"#, "InvalidValue",
            "transformParameters.clip"
        ),
        (
            "filterbyviewdefinition", #"{"models":["m"],"categories":["c"],"subCategoryOvr":[{"invisible":true}]}"#,
            "MissingRequiredProperty", "transformParameters.subCategoryOvr[0].subCategory"
        ),
        (
            "filtersubcategories", #"{"subCategoryNames":"Hidden"}"#, "InvalidValue",
            "transformParameters.subCategoryNames"
        ),
        (
            "filterbysavedview", #"{"viewMode":"IncludeNewContent"}"#, "MissingRequiredProperty",
            "transformParameters.savedViewId"
        ),
        ("combineimodels", #"{"iModels":[]}"#, "InvalidValue", "transformParameters.iModels"),
        ("combinephysicalmodels", #"{"numberOfModels":0}"#, "InvalidValue", "transformParameters.numberOfModels"),
        (
            "combinephysicalmodelsv2",
            #"{"modelGroups":[{"targetModelName":"S","sourceModelsQuery":"q"}],"groupUnselectedModels":true}"#,
            "MissingRequiredProperty", "transformParameters.unselectedModelsGroupName"
        ),
        ("alignimodeldata", "{}", "MissingRequiredProperty", "transformParameters.schemaOptimizationOptions"),
        (
            "alignimodeldata", #"{"dataRemappingOptions":{"elementGroups":[{"targetECClass":"S:B"}]}}"#,
            "MissingRequiredProperty", "transformParameters.dataRemappingOptions.elementGroups[0].elementPropertyQuery"
        ),
    ]

    @Test(arguments: refused.indices)
    func badParametersAreRefusedWith422(_ index: Int) async throws {
        let (path, parameters, code, target) = Self.refused[index]
        let bench = SimulatorFixture.transformations()
        let answer = try await bench.send(
            .post, "/transformations/configurations/\(path)",
            json: bench.configurationBody(extra: #""transformParameters":\#(parameters)"#))
        #expect(answer.status == 422, "\(answer.text)")
        #expect(answer.error?.details?.first?.code == code)
        #expect(answer.error?.details?.first?.target == target)
        #expect(bench.simulator.configurationIds.isEmpty)
    }
}
