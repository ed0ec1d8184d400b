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
