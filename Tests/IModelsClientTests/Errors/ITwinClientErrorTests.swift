import Foundation
import Testing

@testable import IModelsClient

/// What a token provider might throw.
private struct SignInExpired: Error {}

@Suite struct ITwinClientErrorTests {
    /// One value of each case: the eight DESIGN.md declares, the provider's failure, an ambiguous outcome (issue 17) and a failed
    /// permission preflight (issue 20).
    static let everyCase: [ITwinClientError] = [
        .api(
            APIError(
                operation: "cloneIModel", status: 404, code: .iModelNotFound,
                message: "Requested iModel is not available.")),
        .transport(connectionLost),
        .decoding(DecodingFailure(operation: "getIModel", status: 200, reason: "missing key 'iModel'")),
        .invalidRequest("iModelId must not be empty."),
        .untrustedURL(URL(string: "https://evil.example.test/imodels")!),
        .creationFailed(iModelId: "new-1", state: .mainIModelIsMissingFederationGuids),
        .transformationFailed(Transformation(id: "run-1", status: .failed, errorMessage: "Target iModel is locked.")),
        .timedOut(operation: "waitUntilCreated", resourceId: "new-1", lastState: "scheduled"),
        .tokenProviderFailed(operation: "getIModel", underlying: SignInExpired()),
        .ambiguousOutcome(operation: "runTransformation", candidates: ["run-1", "run-2"]),
        .missingPermissions(
            PermissionShortfall(preflight: .cloneSource, iModelId: "src", required: [.manage], missing: [.manage])),
    ]

    /// A `switch` with no `default`: adding or removing a case stops this file from compiling.
    static func caseName(_ error: ITwinClientError) -> String {
        switch error {
        case .api: return "api"
        case .transport: return "transport"
        case .decoding: return "decoding"
        case .invalidRequest: return "invalidRequest"
        case .untrustedURL: return "untrustedURL"
        case .creationFailed: return "creationFailed"
        case .transformationFailed: return "transformationFailed"
        case .timedOut: return "timedOut"
        case .tokenProviderFailed: return "tokenProviderFailed"
        case .ambiguousOutcome: return "ambiguousOutcome"
        case .missingPermissions: return "missingPermissions"
        }
    }

    @Test func thereAreElevenCases() {
        #expect(Set(Self.everyCase.map(Self.caseName)).count == 11)
    }

    @Test(
        arguments: zip(
            everyCase,
            [
                "HTTP 404 iModelNotFound", "the request may have reached the server", "missing key 'iModel'",
                "iModelId must not be empty", "https://evil.example.test/imodels", "PopulateFederationGuids",
                "Target iModel is locked", "last state: scheduled", "getIModel: the access-token provider failed",
                "(run-1, run-2)",
                "clone needs imodels_manage on the source iModel src; the caller lacks imodels_manage.",
            ]))
    func everyCaseDescribesItselfAsALocalizedError(_ error: ITwinClientError, _ expected: String) {
        #expect(error.description.contains(expected), "\(error)")
        #expect(error.errorDescription == error.description)
        #expect(error.localizedDescription == error.description)
        #expect(String(reflecting: error) == error.description)
    }

    @Test func onlyTheAPICaseHasAnAPIError() {
        #expect(Self.everyCase.map { $0.apiError != nil } == [true] + Array(repeating: false, count: 10))
        #expect(Self.everyCase.first?.apiError?.status == 404)
    }

    @Test func rawBodiesAreCappedAtFourKiB() {
        let body = Data(repeating: 65, count: 10_000)
        #expect(APIError(operation: "x", status: 500, rawBody: body).rawBody.count == APIError.rawBodyLimit)
        #expect(DecodingFailure(operation: "x", status: 200, reason: "r", rawBody: body).rawBody.count == 4096)
    }
}
