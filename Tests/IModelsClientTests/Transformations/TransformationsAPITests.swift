import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

@Suite(.verifiesStubTransports) struct TransformationsAPITests {
    let request = ImportIModelConfigurationRequest(
        transformName: "Example name", sourceProjectId: "00000000-0000-0000-0000-000000000000",
        sourceIModelId: "00000000-0000-0000-0000-000000000000", targetProjectId: "00000000-0000-0000-0000-000000000000",
        targetIModelId: "00000000-0000-0000-0000-000000000000", comment: "Example comment")

    private func body(_ request: HTTPRequest?) throws -> NSDictionary {
        let data = try #require(request?.body)
        return try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary)
    }

    @Test func wholeIModelImportOmitsTransformParameters() async throws {
        let stub = StubTransport()
        stub.enqueue(
            .post, "/transformations/configurations/importimodel", status: 201,
            body: try fixture("import-imodel-configuration-201.json"))
        let client = makeClient(stub)
        let configuration = try await client.transformations.createImportIModelConfiguration(request)
        let sent = try #require(stub.requests.first)
        #expect(sent.headers["Accept"] == "application/vnd.bentley.itwin-platform.v1+json")
        #expect(sent.headers["Content-Type"] == "application/json")
        var expected = try #require(
            try JSONSerialization.jsonObject(with: try fixture("import-imodel-request.json")) as? [String: Any])
        expected["transformParameters"] = nil
        #expect(try body(sent) == expected as NSDictionary)
        #expect(try body(sent)["transformParameters"] == nil)
        let text = String(decoding: try #require(sent.body), as: UTF8.self)
        #expect(!text.contains("transformParameters"))
        #expect(configuration.transformType == .importIModel)
        #expect(
            configuration.links?.targetProject?.href
                == "https://api.bentley.com/itwins/00000000-0000-0000-0000-000000000000")
    }

    @Test func repositoryImportSendsItsOneFederationGuid() async throws {
        let stub = StubTransport()
        stub.enqueue(
            .post, "/transformations/configurations/importimodel", status: 201,
            body: try fixture("import-imodel-configuration-201.json"))
        var repository = request
        repository.repositoryFederationGuid = "00000000-0000-0000-0000-000000000000"
        let configuration = try await makeClient(stub).transformations.createImportIModelConfiguration(repository)
        let expected = try #require(
            try JSONSerialization.jsonObject(with: try fixture("import-imodel-request.json")) as? NSDictionary)
        #expect(try body(stub.requests.first) == expected)
        #expect(
            configuration.parameters
                == .importIModel(fedGuidsOfRepositoriesToExport: ["00000000-0000-0000-0000-000000000000"]))
    }

    @Test(arguments: [
        "transformName", "sourceProjectId", "sourceIModelId", "targetProjectId", "targetIModelId", "comment",
    ])
    func blankRequiredFieldsAreRefusedBeforeSending(_ field: String) async throws {
        let stub = StubTransport()
        var invalid = request
        switch field {
        case "transformName": invalid.transformName = "  "
        case "sourceProjectId": invalid.sourceProjectId = ""
        case "sourceIModelId": invalid.sourceIModelId = "\n"
        case "targetProjectId": invalid.targetProjectId = ""
        case "targetIModelId": invalid.targetIModelId = " "
        default: invalid.comment = ""
        }
        let error = await captureError {
            _ = try await makeClient(stub).transformations.createImportIModelConfiguration(invalid)
        }
        guard case .invalidRequest(let reason)? = error else {
            Issue.record("expected invalidRequest, got \(String(describing: error))")
            return
        }
        #expect(reason.contains(field))
        #expect(stub.requests.isEmpty)
    }

    @Test(arguments: [
        (
            "import-imodel-401.json", 401, "HeaderNotFound",
            "Header Authorization was not found in the request. Access denied."
        ),
        (
            "import-imodel-403.json", 403, "InsufficientPermissions",
            "The user has insufficient permissions for the requested operation."
        ),
        ("import-imodel-404.json", 404, "IModelNotFound", "Requested IModel is not available."),
        ("import-imodel-422.json", 422, "MissingRequestBody", "Request body was not provided."),
        (
            "import-imodel-429.json", 429, "RateLimitExceeded",
            "The client sent more requests than allowed by this API for the current tier of the client."
        ),
    ])
    func everySeedErrorExampleDecodes(_ file: String, _ status: Int, _ code: String, _ message: String) async throws {
        let stub = StubTransport()
        // A 401 is tried once more with a refreshed token, so it is answered twice.
        for _ in 0..<(status == 401 ? 2 : 1) {
            stub.enqueue(.post, "/transformations/configurations/importimodel", status: status, body: try fixture(file))
        }
        let client = makeClient(stub, retryPolicy: .none)
        let error = await captureError { _ = try await client.transformations.createImportIModelConfiguration(request) }
        let api = try #require(error?.apiError)
        #expect(api.status == status)
        #expect(api.code?.rawValue == code)
        #expect(api.message == message)
        #expect(api.details.isEmpty)
        #expect(api.operation == "createImportIModelConfiguration")
        #expect(error?.description.contains(message) == true)
        switch status {
        case 401: #expect(api.code == .headerNotFound)
        case 403: #expect(api.code == .insufficientPermissions)
        // Transformations spell it `IModelNotFound`, iModels `iModelNotFound`: one code for callers.
        case 404: #expect(api.code == .iModelNotFound)
        case 422: #expect(api.code == .missingRequestBody)
        default: #expect(api.code == .rateLimitExceeded)
        }
        try stub.verify()
    }

    @Test func theSeed429CarriesItsRetryAfter() async throws {
        let stub = StubTransport()
        stub.enqueue(
            .post, "/transformations/configurations/importimodel", status: 429, headers: ["Retry-After": "30"],
            body: try fixture("import-imodel-429.json"))
        let client = makeClient(stub, retryPolicy: .none)
        let error = await captureError { _ = try await client.transformations.createImportIModelConfiguration(request) }
        let api = try #require(error?.apiError)
        #expect(api.code == .rateLimitExceeded)
        #expect(api.retryAfter == .seconds(30))
        #expect(stub.requests.count == 1)
    }

    @Test func aDetailedErrorKeepsItsDetails() async throws {
        let stub = StubTransport()
        stub.enqueue(
            .post, "/transformations/configurations/importimodel", status: 422,
            body: try fixture("transformations-detailed-422.json"))
        var repository = request
        repository.repositoryFederationGuid = "3f1c7d2e"
        let error = await captureError {
            _ = try await makeClient(stub, retryPolicy: .none).transformations.createImportIModelConfiguration(
                repository)
        }
        let api = try #require(error?.apiError)
        #expect(api.code == .invalidRequestBody)
        #expect(api.message == "Given data is invalid.")
        #expect(api.details.count == 1)
        #expect(api.details.first?.code == .invalidValue)
        #expect(api.details.first?.target == "transformParameters.fedGuidsOfRepositoriesToExport")
        #expect(api.details.first?.message?.contains("at most one") == true)
        #expect(error?.description.contains("transformParameters.fedGuidsOfRepositoriesToExport") == true)
    }

    @Test func aBlankRepositoryGuidAndBlankMergeOrPopulateFieldsAreRefusedBeforeSending() async throws {
        let stub = StubTransport()
        let client = makeClient(stub)
        var repository = request
        repository.repositoryFederationGuid = " "
        let errors = [
            await captureError { _ = try await client.transformations.createImportIModelConfiguration(repository) },
            await captureError {
                _ = try await client.transformations.createMergeIModelConfiguration(
                    MergeIModelConfigurationRequest(
                        transformName: "Merge", sourceProjectId: "p", sourceIModelId: "", targetProjectId: "p",
                        targetIModelId: "main", comment: "c"))
            },
            await captureError {
                _ = try await client.transformations.createPopulateFederationGuidsConfiguration(
                    PopulateFederationGuidsConfigurationRequest(
                        transformName: "Pop", projectId: "p", iModelId: "main", comment: "  "))
            },
        ]
        for (error, field) in zip(errors, ["repositoryFederationGuid", "sourceIModelId", "comment"]) {
            guard case .invalidRequest(let reason)? = error else {
                Issue.record("expected invalidRequest for \(field), got \(String(describing: error))")
                continue
            }
            #expect(reason.contains(field))
        }
        #expect(stub.requests.isEmpty)
    }

    @Test func waitingToleratesAnUnknownStatus() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        for status in ["Queued", "Started", "Succeeded"] {
            stub.enqueue(.get, "/transformations/r1", json: #"{"transformation":{"id":"r1","status":"\#(status)"}}"#)
        }
        let client = makeClient(stub, clock: clock)
        let run = try await clock.run { try await client.transformations.waitUntilFinished("r1") }
        #expect(run.status == .succeeded)
        try stub.verify()
    }

    @Test func waitingReportsEachStatusOrProgressChangeToOnUpdate() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        for (status, processed) in [
            ("Created", 0), ("Started", 10), ("Started", 10), ("Started", 70), ("Succeeded", 100),
        ] {
            stub.enqueue(
                .get, "/transformations/r1",
                json: #"{"transformation":{"id":"r1","status":"\#(status)","processedElementCount":\#(processed)}}"#)
        }
        let client = makeClient(stub, clock: clock)
        let seen = Locked<[String]>([])
        let run = try await clock.run {
            try await client.transformations.waitUntilFinished(
                "r1",
                onUpdate: { run in seen.withLock { $0.append("\(run.status) \(run.processedElementCount ?? -1)") } })
        }
        #expect(run.status == .succeeded)
        #expect(seen.withLock { $0 } == ["Created 0", "Started 10", "Started 70", "Succeeded 100"])
        #expect(stub.requests.count == 5, "the callback adds no requests")
        try stub.verify()
    }

    @Test func mergeAndPopulateUseTheirPathsAndBodies() async throws {
        let stub = StubTransport()
        let configuration = #"{"configuration":{"id":"c1","transformName":"n","transformType":"MergeIModel"}}"#
        stub.enqueue(.post, "/transformations/configurations/mergeimodel", status: 201, json: configuration)
        stub.enqueue(
            .post, "/transformations/configurations/populatefederationguids", status: 201,
            json: configuration.replacingOccurrences(of: "MergeIModel", with: "PopulateFederationGuids"))
        let client = makeClient(stub)
        _ = try await client.transformations.createMergeIModelConfiguration(
            MergeIModelConfigurationRequest(
                transformName: "Merge", sourceProjectId: "p1", sourceIModelId: "fork", targetProjectId: "p2",
                targetIModelId: "main", comment: "merge"))
        let populate = try await client.transformations.createPopulateFederationGuidsConfiguration(
            PopulateFederationGuidsConfigurationRequest(
                transformName: "Pop", projectId: "p2", iModelId: "main", comment: "c"))
        #expect(populate.transformType == .populateFederationGuids && populate.parameters == .none)
        #expect(
            try body(stub.requests[0])
                == [
                    "transformName": "Merge", "sourceProjectId": "p1", "sourceIModelId": "fork",
                    "targetProjectId": "p2",
                    "targetIModelId": "main", "comment": "merge",
                ] as NSDictionary)
        #expect(
            try body(stub.requests[1])
                == [
                    "transformName": "Pop", "sourceProjectId": "p2", "sourceIModelId": "main", "targetProjectId": "p2",
                    "targetIModelId": "main", "comment": "c",
                ] as NSDictionary)
    }

    @Test func runSendsTheConfigurationIdAndQueueingHeaderWhenAsked() async throws {
        let stub = StubTransport()
        let run = #"{"transformation":{"id":"r1","status":"Created"}}"#
        stub.enqueue(.post, "/transformations", status: 201, json: run)
        stub.enqueue(.post, "/transformations", status: 201, json: run)
        let client = makeClient(stub)
        _ = try await client.transformations.run(configurationId: "c1")
        _ = try await client.transformations.run(configurationId: "c1", enableQueueing: true)
        #expect(stub.requests[0].url.absoluteString == "https://api.example.test/transformations/")
        #expect(try body(stub.requests[0]) == ["configurationId": "c1"] as NSDictionary)
        #expect(stub.requests[0].headers["Enable-Transformation-Queueing"] == nil)
        #expect(stub.requests[1].headers["Enable-Transformation-Queueing"] == "true")
    }

    @Test func aLostRunRequestFindsTheRunInsteadOfStartingASecond() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        let created = "2026-01-01T00:00:00.5000000Z"  // just after the virtual clock's start
        stub.enqueue(.post, "/transformations", failure: connectionLost)
        stub.enqueue(
            .get, "/transformations",
            json:
                #"{"transformations":[{"id":"old","status":"Succeeded","createdDateTime":"2025-12-31T10:00:00Z"},{"id":"ours","status":"Created","createdDateTime":"\#(created)"}],"_links":{"next":null}}"#
        )
        let client = makeClient(stub, clock: clock)
        let run = try await client.transformations.run(configurationId: "c1")
        #expect(run.id == "ours")
        #expect(stub.requests.map(\.method) == [.post, .get])
        #expect(stub.requests[1].url.query == "configurationId=c1")
    }

    @Test func theLookupDatesTheRequestOnTheServersClockFromItsDateHeader() async throws {
        let stub = StubTransport()
        // A run a minute old: inside the clock-skew window, but the service's `Date` (the virtual clock's start)
        // shows it was created before the lost request was sent.
        let runs =
            #"{"transformations":[{"id":"a-minute-ago","status":"Succeeded","createdDateTime":"2025-12-31T23:59:00Z"}]}"#
        stub.enqueue(.post, "/transformations", failure: connectionLost)
        stub.enqueue(.get, "/transformations", headers: ["Date": "Thu, 01 Jan 2026 00:00:00 GMT"], json: runs)
        stub.enqueue(
            .post, "/transformations", status: 201, json: #"{"transformation":{"id":"new","status":"Created"}}"#)
        let run = try await makeClient(stub).transformations.run(configurationId: "c1")
        #expect(run.id == "new")
        #expect(stub.requests.map(\.method) == [.post, .get, .post])
        try stub.verify()
    }

    @Test(arguments: ["http://[not-a-url", "https://elsewhere.example.com/transformations/?page=2"])
    func aLookupThatCannotFollowItsNextLinkThrowsTheLostRequestInsteadOfResending(_ next: String) async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/transformations", failure: connectionLost)
        stub.enqueue(
            .get, "/transformations",
            json: #"{"transformations":[],"_links":{"next":{"href":"\#(next)"}}}"#)
        let error = await captureError { _ = try await makeClient(stub).transformations.run(configurationId: "c1") }
        guard case .transport(let failure)? = error else {
            Issue.record("expected the lost request's transport error, got \(String(describing: error))")
            return
        }
        #expect(failure.kind == .connectionLost)
        #expect(stub.requests.map(\.method) == [.post, .get], "no blind resend: the run may exist on a later page")
    }

    @Test func aLostRunRequestWithNoNewRunIsResentOnce() async throws {
        let stub = StubTransport()
        stub.enqueue(.post, "/transformations", failure: connectionLost)
        stub.enqueue(
            .get, "/transformations",
            json: #"{"transformations":[{"id":"old","status":"Succeeded","createdDateTime":"2025-12-31T10:00:00Z"}]}"#)
        stub.enqueue(
            .post, "/transformations", status: 201, json: #"{"transformation":{"id":"new","status":"Created"}}"#)
        let run = try await makeClient(stub).transformations.run(configurationId: "c1")
        #expect(run.id == "new")
        #expect(stub.requests.map(\.method) == [.post, .get, .post])
        try stub.verify()
    }

    @Test func waitingEndsWithTheRunOrTheFailure() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        for status in ["Created", "Initializing", "Started"] {
            stub.enqueue(.get, "/transformations/r1", json: #"{"transformation":{"id":"r1","status":"\#(status)"}}"#)
        }
        stub.enqueue(
            .get, "/transformations/r1",
            json: #"{"transformation":{"id":"r1","status":"Failed","errorMessage":"Conflicting ECSchemas."}}"#)
        let client = makeClient(stub, clock: clock)
        let error = await captureError {
            _ = try await clock.run { try await client.transformations.waitUntilFinished("r1") }
        }
        guard case .transformationFailed(let run)? = error else {
            Issue.record("expected transformationFailed, got \(String(describing: error))")
            return
        }
        #expect(run.errorMessage == "Conflicting ECSchemas.")
        #expect(error?.description.contains("new target iModel") == true)
    }

    @Test func updatesYieldEachStatusOrProgressChange() async throws {
        let stub = StubTransport()
        let clock = VirtualClock()
        let states = [("Started", 10), ("Started", 10), ("Started", 60), ("Succeeded", 100)]
        for (status, processed) in states {
            stub.enqueue(
                .get, "/transformations/r1",
                json:
                    #"{"transformation":{"id":"r1","status":"\#(status)","processedElementCount":\#(processed),"totalElementCount":100}}"#
            )
        }
        let client = makeClient(stub, clock: clock)
        let seen = try await clock.run {
            var seen: [String] = []
            for try await run in client.transformations.transformationUpdates(of: "r1") {
                seen.append("\(run.status) \(run.processedElementCount ?? -1)")
            }
            return seen
        }
        #expect(seen == ["Started 10", "Started 60", "Succeeded 100"])
        try stub.verify()
    }

    @Test func cancelReturnsTheAbortedRun() async throws {
        let stub = StubTransport()
        stub.enqueue(.delete, "/transformations/*", body: try fixture("transformation-aborted.json"))
        let run = try await makeClient(stub).transformations.cancel("9d3b7a36-1d3f-4b7e-9a4e-1f2f0b6c8a10")
        #expect(run.status == .aborted)
        #expect(run.totalElementCount == 100)
        #expect(run.configurationId == "3c1e2f44-6a8b-4c2d-9e1f-5a6b7c8d9e0f")
    }
}
