import Foundation
import IModelsTesting
import IModelsTestingTraits
import Testing

@testable import IModelsClient

@Suite(.verifiesStubTransports) struct ErrorDecodingTests {
    private func apiError(status: Int, body: Data, headers: HTTPHeaders = [:]) async throws -> APIError {
        let stub = StubTransport()
        // A 401 is tried once more with a refreshed token, so it is answered twice.
        for _ in 0..<(status == 401 ? 2 : 1) {
            stub.enqueue(.get, "/imodels/abc/operations/create", status: status, headers: headers, body: body)
        }
        let client = makeClient(stub, retryPolicy: .none)
        let error = await captureError { _ = try await client.pipeline.send(getEndpoint()) }
        return try #require(error?.apiError, "expected an API error, got \(String(describing: error))")
    }

    @Test(arguments: [
        (
            "create-operation-401.json", 401, "HeaderNotFound",
            "Header Authorization was not found in the request. Access denied."
        ),
        ("create-operation-404.json", 404, "iModelNotFound", "Requested iModel is not available."),
        (
            "create-operation-429.json", 429, "TooManyRequests",
            "More requests were received than the subscription rate-limit allows."
        ),
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
        let error = try await apiError(status: status, body: try fixture(file))
        #expect(error.status == status)
        #expect(error.code?.rawValue == code)
        #expect(error.message == message)
        #expect(error.operation == "getCreateOperation")
        #expect(!(error.correlationId ?? "").isEmpty)
    }

    /// Reads the examples from the seed pages themselves, so a fixture that drifts from its page cannot hide it.
    @Test func everyErrorExampleOfTheSeedPagesDecodesToItsStatusCodeAndMessage() async throws {
        let examples = try SeedErrorExample.all()
        // Seed 003 (create operation) has 401, 404 and 429; seed 004 (ImportIModel) has 401, 403, 404, 422, 429.
        #expect(examples.map(\.status) == [401, 404, 429, 401, 403, 404, 422, 429], "\(examples)")
        for example in examples {
            let error = try await apiError(status: example.status, body: example.body)
            #expect(error.status == example.status, "\(example)")
            #expect(error.code?.rawValue == example.code, "\(example)")
            #expect(error.message == example.message, "\(example)")
        }
    }

    @Test func detailsAndTargetsDecode() async throws {
        let error = try await apiError(status: 422, body: try fixture("error-detailed-422.json"))
        #expect(error.code == .invalidIModelsRequest)
        #expect(error.details.count == 1)
        #expect(error.details.first?.code == .invalidValue)
        #expect(error.details.first?.target == "extent")
        #expect(error.details.first?.innerErrorCode == "MaximumNumberOfBriefcasesPerUser")
        #expect(error.description.contains("extent"))
    }

    @Test func errorCodesCompareWithoutCaseAndKeepTheWireSpelling() {
        let wire = ErrorCode(rawValue: "IModelNotFound")
        #expect(wire == .iModelNotFound)
        #expect(wire.hashValue == ErrorCode.iModelNotFound.hashValue)
        #expect(wire.rawValue == "IModelNotFound")
        #expect(ErrorCode.iModelNotFound.rawValue == "iModelNotFound")
        #expect(wire != .iTwinNotFound)
    }

    @Test func unwrappedUnauthorizedBodyDecodes() async throws {
        let body = Data(#"{"code":"InvalidToken","message":"The token has expired."}"#.utf8)
        let error = try await apiError(status: 401, body: body)
        #expect(error.code == "InvalidToken")
        #expect(error.message == "The token has expired.")
    }

    @Test func htmlBadGatewayPageKeepsTheBody() async throws {
        let html = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
        let error = try await apiError(status: 502, body: Data(html.utf8), headers: ["Content-Type": "text/html"])
        #expect(error.status == 502)
        #expect(error.code == nil)
        #expect(error.rawBodyText == html)
        #expect(error.description.contains("502"))
    }

    @Test func emptyBodyGivesStatusOnly() async throws {
        let error = try await apiError(status: 403, body: Data())
        #expect(error.status == 403)
        #expect(error.code == nil && error.message == nil)
    }

    @Test func rateLimitHeadersAndRetryAfterAreKept() async throws {
        let headers: HTTPHeaders = [
            "retry-after": "500", "itwinplatform-ratelimited-tier": "Trial",
            "ITwinPlatform-RateLimited-API": "iModels", "ITwinPlatform-RateLimited-Operation": "CloneIModel",
        ]
        let error = try await apiError(status: 429, body: try fixture("import-imodel-429.json"), headers: headers)
        #expect(error.retryAfter == .seconds(500))
        #expect(error.rateLimit == RateLimitInfo(tier: "Trial", api: "iModels", operation: "CloneIModel"))
    }

    @Test func rawBodyIsCappedAtFourKiB() async throws {
        let error = try await apiError(status: 500, body: Data(repeating: 65, count: 100_000))
        #expect(error.rawBody.count == APIError.rawBodyLimit)
    }

    @Test func truncatedJSONOnSuccessIsADecodingErrorThatKeepsTheBody() async throws {
        struct Wrapper: Decodable { var createOperation: CreateOperationStateHolder }
        struct CreateOperationStateHolder: Decodable { var state: String }
        let truncated = #"{"createOperation":{"state":"succ"#
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 200, json: truncated)
        let client = makeClient(stub)
        let error = await captureError { _ = try await client.pipeline.send(getEndpoint(), as: Wrapper.self) }
        guard case .decoding(let failure)? = error else {
            Issue.record("expected a decoding error, got \(String(describing: error))")
            return
        }
        #expect(failure.status == 200)
        #expect(failure.rawBodyText == truncated)
        #expect(failure.operation == "getCreateOperation")
    }

    @Test func emptySuccessBodyIsADecodingError() async throws {
        let stub = StubTransport()
        stub.enqueue(.get, "/imodels/abc/operations/create", status: 200)
        let client = makeClient(stub)
        let error = await captureError { _ = try await client.pipeline.send(getEndpoint(), as: [String: String].self) }
        guard case .decoding(let failure)? = error else {
            Issue.record("expected a decoding error")
            return
        }
        #expect(failure.reason.contains("empty"))
    }
}
