import Foundation
import IModelsClient
import IModelsTesting
import Testing

/// The simulator's Transformations v1 configurations, validated as seed `004` specifies.
@Suite struct SimulatorTransformationConfigurationTests {
    static let paths = [
        TransformationsSeeds.importPath, TransformationsSeeds.mergePath, TransformationsSeeds.populatePath,
    ]
    static let requiredFields = [
        "transformName", "sourceProjectId", "sourceIModelId", "targetProjectId", "targetIModelId", "comment",
    ]

    /// A valid body for each configuration type (PopulateFederationGuids works on one iModel).
    private func validBody(_ bench: SimulatorFixture<TransformationsSeeds>, for path: String) -> String {
        path == TransformationsSeeds.populatePath
            ? bench.configurationBody(source: bench.main, target: bench.main) : bench.configurationBody()
    }

    @Test(arguments: zip(paths, ["ImportIModel", "MergeIModel", "PopulateFederationGuids"]))
    func eachTypeIsCreatedWith201AndItsLinks(_ path: String, _ type: String) async throws {
        let bench = SimulatorFixture.transformations()
        let answer = try await bench.send(.post, path, json: validBody(bench, for: path))
        #expect(answer.status == 201)
        let raw = try #require(answer.rawConfiguration)
        #expect(
            Set(raw.keys)
                == ["id", "transformName", "comment", "createdDateTime", "modifiedDateTime", "transformType", "_links"])
        let configuration = try #require(answer.configuration)
        #expect(configuration.transformType.rawValue == type)
        #expect(configuration.transformName == "Example name")
        #expect(configuration.comment == "Example comment")
        #expect(configuration.createdDateTime == bench.clock.now)
        let expectedSource = path == TransformationsSeeds.populatePath ? bench.main : bench.source
        #expect(configuration.sourceIModelId == expectedSource)
        #expect(configuration.links?.sourceProject?.href == "https://api.bentley.com/itwins/\(bench.iTwin)")
        #expect(configuration.links?.targetProject?.href == "https://api.bentley.com/itwins/\(bench.iTwin)")
        #expect(bench.simulator.configurationIds == [configuration.id])
    }

    @Test(arguments: paths, requiredFields)
    func everyRequiredFieldIsRequired(_ path: String, _ field: String) async throws {
        let bench = SimulatorFixture.transformations()
        for replacement in [nil, "  "] as [String?] {
            let body =
                path == TransformationsSeeds.populatePath
                ? bench.configurationBody(source: bench.main, target: bench.main, replacing: [field: replacement])
                : bench.configurationBody(replacing: [field: replacement])
            let answer = try await bench.send(.post, path, json: body)
            if replacement != nil && field == "comment" {
                // A blank comment is still a comment; the schema only requires the property.
                #expect(answer.status == 201)
                continue
            }
            #expect(answer.status == 422, "\(field) = \(String(describing: replacement)): \(answer.text)")
            #expect(answer.error?.code == "InvalidRequestBody")
            #expect(answer.error?.details?.first?.code == "MissingRequiredProperty")
            #expect(answer.error?.details?.first?.target == field)
        }
        #expect(bench.simulator.configurationIds.count == (field == "comment" ? 1 : 0))
    }

    @Test(arguments: paths)
    func additionalPropertiesAreRefused(_ path: String) async throws {
        let bench = SimulatorFixture.transformations()
        let answer = try await bench.send(
            .post, path, json: bench.configurationBody(source: bench.main, target: bench.main, extra: #""name":"x""#))
        #expect(answer.status == 422)
        #expect(answer.error?.code == "InvalidRequestBody")
        #expect(answer.error?.details?.first?.target == "name")
        #expect(answer.error?.details?.first?.message == "Property 'name' is not allowed.")
        #expect(bench.simulator.configurationIds.isEmpty)
    }

    @Test(arguments: [TransformationsSeeds.mergePath, TransformationsSeeds.populatePath])
    func onlyImportIModelTakesTransformParameters(_ path: String) async throws {
        let bench = SimulatorFixture.transformations()
        let answer = try await bench.send(
            .post, path,
            json: bench.configurationBody(
                source: bench.main, target: bench.main, extra: #""transformParameters":{}"#))
        #expect(answer.status == 422)
        #expect(answer.error?.details?.first?.target == "transformParameters")
    }

    @Test func transformParametersAllowNothingButTheFederationGuids() async throws {
        let bench = SimulatorFixture.transformations()
        let answer = try await bench.send(
            .post, TransformationsSeeds.importPath,
            json: bench.configurationBody(
                extra: #""transformParameters":{"fedGuidsOfRepositoriesToExport":[],"ecSql":"SELECT 1"}"#))
        #expect(answer.status == 422)
        #expect(answer.error?.details?.first?.target == "transformParameters.ecSql")
        let notAnObject = try await bench.send(
            .post, TransformationsSeeds.importPath, json: bench.configurationBody(extra: #""transformParameters":[]"#))
        #expect(notAnObject.status == 422)
        #expect(notAnObject.error?.details?.first?.code == "InvalidValue")
        let notStrings = try await bench.send(
            .post, TransformationsSeeds.importPath,
            json: bench.configurationBody(extra: #""transformParameters":{"fedGuidsOfRepositoriesToExport":[1]}"#))
        #expect(notStrings.status == 422)
        #expect(notStrings.error?.details?.first?.target == "transformParameters.fedGuidsOfRepositoriesToExport")
        #expect(bench.simulator.configurationIds.isEmpty)
    }

    @Test func atMostOneFederationGuidIsAccepted() async throws {
        let bench = SimulatorFixture.transformations()
        let two = try await bench.send(
            .post, TransformationsSeeds.importPath,
            json: bench.configurationBody(
                extra: #""transformParameters":{"fedGuidsOfRepositoriesToExport":["a","b"]}"#))
        #expect(two.status == 422)
        #expect(two.error?.details?.first?.code == "InvalidValue")
        #expect(two.error?.details?.first?.target == "transformParameters.fedGuidsOfRepositoriesToExport")
        let one = try await bench.send(
            .post, TransformationsSeeds.importPath,
            json: bench.configurationBody(
                extra: #""transformParameters":{"fedGuidsOfRepositoriesToExport":["3f1c7d2e"]}"#))
        #expect(one.status == 201)
        #expect(one.configuration?.parameters == .importIModel(fedGuidsOfRepositoriesToExport: ["3f1c7d2e"]))
        let raw = try #require(one.rawConfiguration?["transformParameters"] as? [String: Any])
        #expect(raw["fedGuidsOfRepositoriesToExport"] as? [String] == ["3f1c7d2e"])
        #expect(bench.simulator.configurationIds.count == 1)
    }

    @Test(arguments: paths + ["/transformations/"])
    func aMissingBodyIs422MissingRequestBody(_ path: String) async throws {
        let bench = SimulatorFixture.transformations()
        let answer = try await bench.send(.post, path)
        #expect(answer.status == 422)
        #expect(answer.error == WireError(code: "MissingRequestBody", message: "Request body was not provided."))
        let notJSON = try await bench.send(.post, path, json: "[1, 2]")
        #expect(notJSON.status == 422)
        #expect(notJSON.error?.code == "InvalidRequestBody")
    }

    @Test func anUnknownIModelOrOneOutsideTheGivenProjectIs404() async throws {
        let bench = SimulatorFixture.transformations()
        let bodies = [
            bench.configurationBody(source: "00000000-0000-0000-0000-000000000000"),
            bench.configurationBody(target: "00000000-0000-0000-0000-000000000000"),
            bench.configurationBody(sourceProject: bench.otherITwin),
            bench.configurationBody(targetProject: bench.otherITwin),
            bench.configurationBody(sourceProject: "no-such-project"),
        ]
        for body in bodies {
            let answer = try await bench.send(.post, TransformationsSeeds.importPath, json: body)
            #expect(answer.status == 404, "\(body)")
            #expect(answer.error == WireError(code: "IModelNotFound", message: "Requested IModel is not available."))
        }
        #expect(bench.simulator.configurationIds.isEmpty)
    }

    @Test func populateFederationGuidsWorksOnOneIModel() async throws {
        let bench = SimulatorFixture.transformations()
        let answer = try await bench.send(.post, TransformationsSeeds.populatePath, json: bench.configurationBody())
        #expect(answer.status == 422)
        #expect(answer.error?.details?.first?.target == "targetIModelId")
    }

    @Test func readOnTheSourceAndWriteOnTheTargetAreRequired() async throws {
        let bench = SimulatorFixture.transformations()
        let sourceITwin = bench.simulator.addITwin(name: "Sources")
        let elsewhere = bench.simulator.addIModel(SimulatorIModelSeed(iTwinId: sourceITwin, name: "Elsewhere"))
        let body = bench.configurationBody(source: elsewhere, sourceProject: sourceITwin)
        bench.simulator.setPermissions([.webView, .write], for: TransformationsSeeds.token, in: sourceITwin)
        let noRead = try await bench.send(.post, TransformationsSeeds.importPath, json: body)
        #expect(noRead.status == 403)
        #expect(
            noRead.error
                == WireError(
                    code: "InsufficientPermissions",
                    message: "The user has insufficient permissions for the requested operation."))
        bench.simulator.setPermissions([.read], for: TransformationsSeeds.token, in: sourceITwin)
        bench.simulator.setPermissions([.webView, .read], for: TransformationsSeeds.token, in: bench.iTwin)
        let noWrite = try await bench.send(.post, TransformationsSeeds.importPath, json: body)
        #expect(noWrite.status == 403)
        #expect(bench.simulator.configurationIds.isEmpty)
        bench.simulator.setPermissions([.read, .write], for: TransformationsSeeds.token, in: bench.iTwin)
        let allowed = try await bench.send(.post, TransformationsSeeds.importPath, json: body)
        #expect(allowed.status == 201)
    }

    @Test func withoutATokenTheAnswerIs401HeaderNotFound() async throws {
        let bench = SimulatorFixture.transformations()
        let answer = try await bench.send(
            .post, TransformationsSeeds.importPath, json: bench.configurationBody(), token: nil)
        #expect(answer.status == 401)
        #expect(
            answer.error
                == WireError(
                    code: "HeaderNotFound", message: "Header Authorization was not found in the request. Access denied."
                ))
    }

    @Test func overTheTierLimitTheAnswerIs429WithRetryAfter() async throws {
        let tier = SimulatorTier(name: "Tiny", cloneAndForkPerMinute: nil, platformPerMinute: 1)
        let bench = SimulatorFixture.transformations(options: SimulatorOptions(tier: tier))
        _ = try await bench.createConfiguration()
        let answer = try await bench.send(.post, TransformationsSeeds.importPath, json: bench.configurationBody())
        #expect(answer.status == 429)
        #expect(
            answer.error
                == WireError(
                    code: "RateLimitExceeded",
                    message:
                        "The client sent more requests than allowed by this API for the current tier of the client."))
        #expect(Int(answer.response.headers["Retry-After"] ?? "") ?? 0 > 0)
        #expect(answer.response.headers["ITwinPlatform-RateLimited-API"] == "Transformations")
        #expect(bench.simulator.configurationIds.count == 1)
    }

    @Test func aConfigurationIsReadListedAndDeleted() async throws {
        let bench = SimulatorFixture.transformations()
        let id = try await bench.createConfiguration()
        let read = try await bench.send(.get, "/transformations/configurations/\(id)")
        #expect(read.status == 200 && read.configuration?.id == id)
        let minimal = try await bench.send(.get, "/transformations/configurations?projectId=\(bench.iTwin)")
        let items = try #require(minimal.object?["configurations"] as? [[String: Any]])
        #expect(items.count == 1 && Set(items[0].keys) == ["id", "transformName"])
        let full = try await bench.send(
            .get, "/transformations/configurations?projectId=\(bench.iTwin)",
            headers: ["Prefer": "return=representation"])
        let fullItems = try #require(full.object?["configurations"] as? [[String: Any]])
        #expect(fullItems.first?["transformType"] as? String == "ImportIModel")
        let noProject = try await bench.send(.get, "/transformations/configurations")
        #expect(noProject.status == 422)
        let deleted = try await bench.send(.delete, "/transformations/configurations/\(id)")
        #expect(deleted.status == 200 && deleted.configuration?.id == id)
        let gone = try await bench.send(.get, "/transformations/configurations/\(id)")
        #expect(gone.status == 404 && gone.error?.code == "ConfigurationNotFound")
        #expect(bench.simulator.configurationIds.isEmpty)
    }
}
