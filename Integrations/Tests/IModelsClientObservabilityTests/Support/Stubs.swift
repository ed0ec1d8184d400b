import Foundation
import IModelsClient
import IModelsTesting

/// The request every stubbed test makes: `client.iModels.createOperation(of: "abc")`, operation `getCreateOperation`.
enum Stubs {
    static let path: PathPattern = "/imodels/abc/operations/create"
    static let operation = "getCreateOperation"
    static let successful = #"{"createOperation":{"state":"successful"}}"#
    static let unavailable = #"{"error":{"code":"ServiceUnavailable","message":"try later"}}"#
    static let notFound = #"{"error":{"code":"iModelNotFound","message":"no such iModel"}}"#
    static let tooManyRequests = #"{"error":{"code":"TooManyRequests","message":"slow down"}}"#

    /// A transport answering `503` and then `200`.
    static func unavailableThenSuccessful() -> StubTransport {
        let stub = StubTransport()
        stub.enqueue(.get, path, status: 503, json: unavailable)
        stub.enqueue(.get, path, status: 200, json: successful)
        return stub
    }
}

extension StubTransport {
    /// Adds a stub that fails with a transport failure of `kind` whose description quotes the request's
    /// `Authorization` after `text`: the worst a transport could do with the token.
    func enqueueFailureQuotingTheToken(_ kind: TransportFailure.Kind, after text: String) {
        enqueue(.get, Stubs.path) { request in
            throw TransportFailure(
                operation: request.operation, kind: kind,
                underlyingDescription: "\(text) \(request.headers["Authorization"] ?? "")",
                requestMayHaveReachedServer: true)
        }
    }
}
