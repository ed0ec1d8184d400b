import Foundation
import IModelsClient

/// A resource state seen in an answer that passed through the client: what progress displays are built from.
///
/// The SDK's waits (`waitUntilCreated`) take no progress callback, so the tool watches the answers to the waits'
/// polls instead (see ``ObservingTransport``): no extra requests, and the states shown are the ones the SDK acted on.
public enum Observation: Sendable, Equatable {
    /// An iModel's create operation (`GET /imodels/{id}/operations/create`).
    case createOperation(iModelId: String, CreateOperation)
    /// An iModel (`GET /imodels/{id}`).
    case iModel(IModel)
    /// A transformation run (`GET /transformations/{id}`, or the answer that started it).
    case transformation(Transformation)

    /// Reads the observation in a successful answer, if it holds one of the shapes above.
    public init?(request: HTTPRequest, response: HTTPResponse) {
        guard response.isSuccess, !response.body.isEmpty else { return nil }
        let decoder = JSONDecoder()
        switch request.operation {
        case "getCreateOperation":
            guard let body = try? decoder.decode(CreateOperationBody.self, from: response.body),
                let iModelId = Self.iModelId(in: request.url)
            else { return nil }
            self = .createOperation(iModelId: iModelId, body.createOperation)
        case "getIModel", "createIModel":
            guard let body = try? decoder.decode(IModelBody.self, from: response.body) else { return nil }
            self = .iModel(body.iModel)
        case "getTransformation", "runTransformation", "cancelTransformation":
            guard let body = try? decoder.decode(TransformationBody.self, from: response.body) else { return nil }
            self = .transformation(body.transformation)
        default:
            return nil
        }
    }

    /// The id after `imodels` in a URL's path.
    static func iModelId(in url: URL) -> String? {
        let segments = url.pathComponents
        guard let index = segments.lastIndex(where: { $0.lowercased() == "imodels" }), index + 1 < segments.count
        else { return nil }
        return segments[index + 1]
    }

    private struct CreateOperationBody: Decodable { var createOperation: CreateOperation }
    private struct IModelBody: Decodable { var iModel: IModel }
    private struct TransformationBody: Decodable { var transformation: Transformation }
}

/// An ``HTTPTransport`` that passes every request to another transport and reports the ``Observation`` in each
/// answer to a handler.
public struct ObservingTransport: HTTPTransport {
    private let base: any HTTPTransport
    private let handler: @Sendable (Observation) -> Void

    /// Wraps `base`; `handler` is called (on any thread) for every answer that holds an observation.
    public init(_ base: any HTTPTransport, handler: @escaping @Sendable (Observation) -> Void) {
        self.base = base
        self.handler = handler
    }

    /// Sends through the wrapped transport and reports what the answer shows.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let response = try await base.send(request)
        if let observation = Observation(request: request, response: response) { handler(observation) }
        return response
    }
}
