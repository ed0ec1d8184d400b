import Foundation
import IModelsClient
import IModelsTesting
import Testing

/// An empty iModel made with `createIModel` can be imported into at once: the call waits until the simulator, like
/// the service, has initialized it (https://developer.bentley.com/apis/imodels-v2/operations/create-imodel/, and
/// Bentley's TypeScript client's `createEmpty`).
@Suite struct CreateThenImportTests {
    @Test func anImportIntoAFreshEmptyIModelSucceeds() async throws {
        let bench = SimulatorFixture.workflow()
        let start = bench.clock.now
        let (created, run) = try await bench.clock.run {
            let created = try await bench.client.iModels.createIModel(in: bench.iTwin, name: "Fresh")
            let run = try await bench.client.importIModel(
                ImportIModelConfigurationRequest(
                    transformName: "Import", sourceProjectId: bench.iTwin, sourceIModelId: bench.source,
                    targetProjectId: bench.iTwin, targetIModelId: created.id, comment: "Imported"))
            return (created, run)
        }
        #expect(created.state == .initialized)
        #expect(run.status == .succeeded)
        #expect(bench.simulator.subjects(of: created.id).map(\.userLabel) == ["Bridge"])
        #expect(bench.clock.now.timeIntervalSince(start) >= 5, "the empty iModel took its 5 s to initialize")
    }

    /// What `createIModel` guards against: a run started on an empty iModel before it is initialized fails.
    @Test func aRunOnAnEmptyIModelThatIsNotInitializedFails() async throws {
        let bench = SimulatorFixture.workflow()
        let body = #"{"iTwinId":"\#(bench.iTwin)","name":"Too soon","creationMode":"empty"}"#
        let created = try await bench.simulator.send(
            HTTPRequest(
                method: .post, url: URL(string: "https://api.bentley.com/imodels")!,
                headers: [
                    "Authorization": "Bearer \(bench.accessToken)", "Content-Type": "application/json",
                    "Accept": "application/vnd.bentley.itwin-platform.v2+json",
                ],
                body: Data(body.utf8)))
        #expect(created.status == 201)
        let id = try #require(bench.simulator.iModels(in: bench.iTwin).first { $0.name == "Too soon" }?.id)
        let error = await captureError {
            _ = try await bench.clock.run {
                try await bench.client.importIModel(
                    ImportIModelConfigurationRequest(
                        transformName: "Import", sourceProjectId: bench.iTwin, sourceIModelId: bench.source,
                        targetProjectId: bench.iTwin, targetIModelId: id, comment: "Imported"))
            }
        }
        guard case .transformationFailed(let run)? = error else {
            Issue.record("expected transformationFailed, got \(String(describing: error))")
            return
        }
        #expect(run.errorMessage?.contains("not initialized") == true)
    }
}
