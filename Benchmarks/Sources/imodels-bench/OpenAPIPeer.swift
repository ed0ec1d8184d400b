import CreateOperationClient
import Foundation
import HTTPTypes
import OpenAPIRuntime

/// The peer of the call-overhead benchmark: the client swift-openapi-generator makes from
/// `Benchmarks/OpenAPI/create-operation.yaml`, set up as a Swift team would use it (a middleware adds the bearer
/// token, which OpenAPI does not model as a parameter), over an in-memory `ClientTransport` answering the seed's bytes.
struct OpenAPIPeer: Sendable {
    private let client: Client

    init(accessToken: String, body: Data) {
        client = Client(
            serverURL: URL(string: "https://api.bentley.com/imodels")!,
            transport: FixedClientTransport(body: body),
            middlewares: [BearerTokenMiddleware(token: accessToken)])
    }

    /// One `GET /imodels/{id}/operations/create`; returns the decoded state.
    func createOperationState(of id: String) async throws -> String {
        let output = try await client.getCreateIModelOperationDetails(path: .init(id: id))
        let body = try output.ok.body.application_vnd_period_bentley_period_itwin_hyphen_platform_period_v2_plus_json
        return body.createOperation.state.rawValue
    }
}

/// Adds `Authorization: Bearer …` to every request.
private struct BearerTokenMiddleware: ClientMiddleware {
    let token: String

    func intercept(
        _ request: HTTPTypes.HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPTypes.HTTPRequest, HTTPBody?, URL) async throws -> (HTTPTypes.HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPTypes.HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[.authorization] = "Bearer \(token)"
        return try await next(request, body, baseURL)
    }
}

/// An in-memory `ClientTransport` answering every request with the same `200` and body.
private struct FixedClientTransport: ClientTransport {
    let body: Data

    func send(
        _ request: HTTPTypes.HTTPRequest, body requestBody: HTTPBody?, baseURL: URL, operationID: String
    ) async throws -> (HTTPTypes.HTTPResponse, HTTPBody?) {
        let response = HTTPTypes.HTTPResponse(
            status: .ok, headerFields: [.contentType: CreateOperationSeed.contentType])
        return (response, HTTPBody(body))
    }
}
