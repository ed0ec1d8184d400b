import Foundation
import IModelsCLI
import IModelsClient
import Testing

@Suite("JSON output")
struct JSONOutputTests {
    private func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private let created = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("status: the SDK's models under their names, sorted keys, ISO 8601 dates")
    func status() throws {
        let result = StatusResult(
            iModel: IModel(id: "m-1", name: "Bridge", state: .initialized, createdDateTime: created, iTwinId: "t-1"),
            createOperation: CreateOperation(
                state: .successful, clonedFrom: ClonedFrom(iModelId: "s-1", changesetId: "c-8")))
        let text = JSONOutput.string(result)
        let json = try object(text)
        #expect(Set(json.keys) == ["createOperation", "iModel"])
        let model = try #require(json["iModel"] as? [String: Any])
        #expect(model["id"] as? String == "m-1")
        #expect(model["state"] as? String == "initialized")
        #expect((model["createdDateTime"] as? String)?.hasPrefix("2023-11-14T22:13:20") == true)
        let operation = try #require(json["createOperation"] as? [String: Any])
        #expect(operation["state"] as? String == "successful")
        #expect((operation["clonedFrom"] as? [String: Any])?["changesetId"] as? String == "c-8")
        #expect(text.range(of: "\"createOperation\"")!.lowerBound < text.range(of: "\"iModel\"")!.lowerBound)
        #expect(!text.contains("\\/"))
    }

    @Test("a run: configuration, transformation and the seconds waited")
    func transformation() throws {
        let run = Transformation(
            id: "r-1", status: .succeeded, processedElementCount: 4000, totalElementCount: 4000,
            createdDateTime: created)
        let json = try object(
            JSONOutput.string(TransformationResult(configuration: nil, transformation: run, elapsedSeconds: 3.01234)))
        #expect(Set(json.keys) == ["transformation", "elapsedSeconds"])
        #expect(json["elapsedSeconds"] as? Double == 3.012)
        let encoded = try #require(json["transformation"] as? [String: Any])
        #expect(encoded["status"] as? String == "Succeeded")
        #expect(encoded["processedElementCount"] as? Int == 4000)
    }

    @Test("clone --no-wait: the handle only")
    func creation() throws {
        let creation = IModelCreation(
            iModelId: "m-2", iModelURL: URL(string: "https://api.bentley.com/imodels/m-2"),
            createOperationURL: URL(string: "https://api.bentley.com/imodels/m-2/operations/create"))
        let json = try object(
            JSONOutput.string(
                CreationResult(
                    kind: "clone", creation: creation, milestone: nil, iModel: nil, createOperation: nil,
                    elapsedSeconds: 0.2)))
        #expect(Set(json.keys) == ["kind", "creation", "elapsedSeconds"])
        let handle = try #require(json["creation"] as? [String: Any])
        #expect(handle["iModelId"] as? String == "m-2")
        #expect(handle["iModelURL"] as? String == "https://api.bentley.com/imodels/m-2")
    }

    @Test("an error: one object under \"error\" with the exit code, the API's code and message, and the hint")
    func error() throws {
        let error = ITwinClientError.api(
            APIError(
                operation: "cloneIModel", status: 429, code: .rateLimitExceeded, message: "Too many.",
                retryAfter: .seconds(200), correlationId: "c-1"))
        let json = try object(ErrorReport(error, command: .clone, onSimulator: false).json())
        let body = try #require(json["error"] as? [String: Any])
        #expect(body["exitCode"] as? Int == 3)
        #expect(body["kind"] as? String == "api")
        #expect(body["status"] as? Int == 429)
        #expect(body["code"] as? String == "RateLimitExceeded")
        #expect(body["apiMessage"] as? String == "Too many.")
        #expect(body["retryAfterSeconds"] as? Double == 200)
        #expect((body["hint"] as? String)?.contains("try again after") == true)
    }

    @Test("a failed run is in the error object")
    func failedRun() throws {
        let run = Transformation(id: "r-2", status: .failed, errorMessage: "Bad source.")
        let json = try object(
            ErrorReport(ITwinClientError.transformationFailed(run), command: .import, onSimulator: true).json())
        let body = try #require(json["error"] as? [String: Any])
        #expect(body["exitCode"] as? Int == 5)
        #expect(body["resourceId"] as? String == "r-2")
        #expect((body["transformation"] as? [String: Any])?["errorMessage"] as? String == "Bad source.")
    }
}
