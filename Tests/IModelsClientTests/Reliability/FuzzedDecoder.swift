import Foundation
import IModelsTesting
import Testing

@testable import IModelsClient

/// What one fuzzed document did to a decoder.
enum FuzzOutcome: Sendable, Equatable {
    /// The document decoded (for the error decoder: a code was found), and what decoded re-encodes stably.
    case decoded
    /// The decoder refused the document with the error the client documents for it.
    case refused
    /// Anything else: an unexpected error type, a decoded value that does not re-encode, a broken invariant.
    case problem(String)
}

/// Every decoder the client runs on what it receives (and on the ``IModelCreation`` it lets callers store), with
/// its seed documents and the way the client decodes with it.
enum FuzzedDecoder: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case iModel = "IModel"
    case createOperation = "CreateOperation"
    case changeset = "Changeset"
    case iModelsPage = "MinimalIModel page"
    case changesetsPage = "Changeset page"
    case configuration = "TransformationConfiguration"
    case configurationsPage = "TransformationConfiguration page"
    case transformation = "Transformation"
    case transformationsPage = "Transformation page"
    case copyAnswer = "IModelCreation from a clone or fork answer"
    case storedCreation = "IModelCreation stored"
    case errorBody = "APIError from an error answer"
    case jsonValue = "JSONValue"
    case serviceDate = "ServiceDate"
    case namedVersion = "NamedVersion"
    case namedVersionsPage = "NamedVersion page"
    case reports = "TransformationReport list"
    case permissions = "IModelPermission list"

    var testDescription: String { rawValue }

    /// The fixed seed of this decoder's random stream.
    var seed: UInt64 { UInt64(Self.allCases.firstIndex(of: self) ?? 0) &* 0x1000_0001 &+ 2026 }

    /// Whether the seeds are JSON (and get structure-aware mutations); the others are header or timestamp text.
    var isJSON: Bool { self != .copyAnswer && self != .serviceDate }

    /// The documented examples this decoder's documents start from.
    func seeds() throws -> [Data] {
        switch self {
        case .iModel: return try FuzzSeeds.iModel()
        case .createOperation: return try FuzzSeeds.createOperation()
        case .changeset: return try FuzzSeeds.changeset()
        case .iModelsPage: return try FuzzSeeds.iModelsPage()
        case .changesetsPage: return try FuzzSeeds.changesetsPage()
        case .configuration: return try FuzzSeeds.configuration()
        case .configurationsPage: return try FuzzSeeds.configurationsPage()
        case .transformation: return try FuzzSeeds.transformation()
        case .transformationsPage: return try FuzzSeeds.transformationsPage()
        case .copyAnswer: return FuzzSeeds.copyAnswers.map { Data($0.utf8) }
        case .storedCreation: return try FuzzSeeds.storedCreation()
        case .errorBody: return try FuzzSeeds.errors()
        case .jsonValue:
            return try Self.allCases.filter { $0.isJSON && $0 != .jsonValue }.flatMap { try $0.seeds() }
                + FuzzSeeds.requests()
        case .serviceDate: return FuzzTimestamps.seeds.map { Data($0.utf8) }
        case .namedVersion: return try FuzzSeeds.namedVersion()
        case .namedVersionsPage: return try FuzzSeeds.namedVersionsPage()
        case .reports: return FuzzSeeds.reports()
        case .permissions: return try FuzzSeeds.permissions()
        }
    }

    /// A new random document of this decoder's kind for the `(c)` share (JSON cases use the mutator instead).
    func randomText(using random: inout FuzzRandom) -> Data {
        switch self {
        case .serviceDate: return FuzzTimestamps.next(using: &random)
        default:
            let parts = [
                "https://api.bentley.com", "https://qa-api.bentley.com", "/imodels", "/iModels", "/IMODELS", "/",
                "/5e19bee0-3aea-4355-a9f0-c6df9989ee7d", "/operations/create", "?a=b", "#x", "%20", "%zz", " ", "//",
                "\n", "é", "http:", "imodels", "..", "/imodels/",
            ]
            return Data((0..<random.below(8)).map { _ in random.pick(parts) }.joined().utf8)
        }
    }

    /// Adds what rides along with a document: for the error decoder, a `Retry-After` value (often mutated) in a
    /// quarter of them, as a first line `retry-after: …` that ``makeDecoder()`` moves into the header.
    func decorate(_ document: Data, using random: inout FuzzRandom) -> Data {
        guard self == .errorBody, random.oneIn(4) else { return document }
        var value = Data(random.pick(FuzzSeeds.retryAfterValues).utf8)
        if !random.oneIn(3) { value = random.mutate(value) }
        value.removeAll { $0 == 10 }
        return Data("retry-after: ".utf8) + value + [10] + document
    }

    /// A decoder bound to its own client, decoding documents exactly as the client does.
    func makeDecoder() -> @Sendable (Data) -> FuzzOutcome {
        let client = makeClient(StubTransport(), retryPolicy: .none)
        let pipeline = client.pipeline
        func model<Body: Decodable & Sendable, Model: Codable & Sendable>(
            _ body: Body.Type, operation: String, _ unwrap: @escaping @Sendable (Body) -> Model,
            check: @escaping @Sendable (Model) -> String? = { _ in nil }
        ) -> @Sendable (Data) -> FuzzOutcome {
            { data in
                let body: Body
                switch Result(catching: {
                    try pipeline.decode(Body.self, from: HTTPResponse(status: 200, body: data), operation: operation)
                }) {
                case .success(let decoded): body = decoded
                case .failure(let error): return Self.classify(error, body: data, operation: operation)
                }
                let value = unwrap(body)
                if let problem = check(value) { return .problem(problem) }
                return Self.reencode(value, pipeline: pipeline)
            }
        }
        func page<Element: Codable & Sendable>(
            of element: Element.Type, key: String, operation: String
        ) -> @Sendable (Data) -> FuzzOutcome {
            typealias Page = PageSequence<Element>.Page
            return { data in
                let page: Page
                do {
                    page = try pipeline.decode(
                        Page.self, from: HTTPResponse(status: 200, body: data), operation: operation,
                        userInfo: [Page.collectionKeyInfo: key])
                } catch {
                    return Self.classify(error, body: data, operation: operation)
                }
                return Self.reencode(page.items, pipeline: pipeline)
            }
        }

        switch self {
        case .iModel:
            return model(IModelsEnvelopes.IModelBody.self, operation: "getIModel", \.iModel)
        case .createOperation:
            return model(IModelsEnvelopes.CreateOperationBody.self, operation: "getCreateOperation", \.createOperation)
            {
                operation in
                // The derived properties the waiting loop reads must hold together.
                if operation.state.isFailure && !operation.state.isTerminal {
                    return "\(operation.state) fails but does not end"
                }
                if operation.clonedFrom != nil && operation.sourceIModelId == nil {
                    return "the clone's source is lost"
                }
                return nil
            }
        case .changeset:
            return model(IModelsEnvelopes.ChangesetBody.self, operation: "getChangeset", \.changeset)
        case .iModelsPage: return page(of: MinimalIModel.self, key: "iModels", operation: "listIModels")
        case .changesetsPage: return page(of: Changeset.self, key: "changesets", operation: "listChangesets")
        case .configuration:
            return model(
                TransformationsEnvelopes.ConfigurationBody.self, operation: "getConfiguration", \.configuration
            ) {
                Self.check($0)
            }
        case .configurationsPage:
            return page(
                of: TransformationConfiguration.self, key: TransformationsContract.configurationsKey,
                operation: "listConfigurations")
        case .transformation:
            return model(
                TransformationsEnvelopes.TransformationBody.self, operation: "getTransformation", \.transformation
            ) {
                run in
                if let progress = run.progress, !(0...1).contains(progress) { return "progress \(progress)" }
                _ = run.configurationId
                return nil
            }
        case .transformationsPage:
            return page(
                of: Transformation.self, key: TransformationsContract.transformationsKey,
                operation: "listTransformations")
        case .copyAnswer:
            let iModels = client.iModels
            return { data in
                let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", maxSplits: 1).map(String.init)
                var headers = HTTPHeaders()
                headers["Location"] = lines.first
                headers["Create-iModel-Operation"] = lines.count > 1 ? lines[1] : nil
                do {
                    let creation = try iModels.creation(
                        from: HTTPResponse(status: 202, headers: headers), operation: "cloneIModel")
                    if creation.iModelId.isEmpty { return .problem("an empty iModel id was accepted") }
                    return Self.reencode(creation, pipeline: pipeline)
                } catch {
                    return Self.classify(error, body: Data(), operation: "cloneIModel")
                }
            }
        case .storedCreation:
            return { data in
                do {
                    return Self.reencode(try JSONDecoder().decode(IModelCreation.self, from: data), pipeline: pipeline)
                } catch {
                    return error is DecodingError ? .refused : .problem("threw \(type(of: error)): \(error)")
                }
            }
        case .errorBody:
            return Self.errorDecoder(pipeline)
        case .namedVersion:
            return model(IModelsEnvelopes.NamedVersionBody.self, operation: "getNamedVersion", \.namedVersion)
        case .namedVersionsPage:
            return page(of: NamedVersion.self, key: "namedVersions", operation: "listNamedVersions")
        case .reports:
            return model(
                TransformationsEnvelopes.ReportsBody.self, operation: "getTransformationReports", \.reports)
        case .permissions:
            return model(IModelsEnvelopes.PermissionsBody.self, operation: "getIModelPermissions", \.permissions)
        case .jsonValue:
            return model(JSONValue.self, operation: "getConfiguration", { $0 })
        case .serviceDate:
            return { data in
                let date: Date
                do {
                    date = try ServiceDate.date(from: String(decoding: data, as: UTF8.self))
                } catch {
                    return error is DecodingError ? .refused : .problem("threw \(type(of: error)): \(error)")
                }
                do {
                    let text = try ServiceDate.format(date)
                    let second = try ServiceDate.format(try ServiceDate.date(from: text))
                    return second == text ? .decoded : .problem("\(text) reads back as \(second)")
                } catch {
                    return .problem("a parsed date does not write and read back: \(error)")
                }
            }
        }
    }

    /// The error decoder as the pipeline runs it on a failed answer, with a mutated `Retry-After` riding along in
    /// the first line of documents that have one (`retry-after: …`).
    private static func errorDecoder(_ pipeline: RequestPipeline) -> @Sendable (Data) -> FuzzOutcome {
        let statuses = [400, 401, 403, 404, 409, 422, 429, 500, 502, 503]
        let endpoint = getEndpoint()
        return { data in
            var headers: HTTPHeaders = ["ITwinPlatform-RateLimited-Tier": "Trial"]
            var body = data
            let prefix = Data("retry-after: ".utf8)
            if data.starts(with: prefix), let end = data.firstIndex(of: 10) {
                headers["Retry-After"] = String(decoding: data[data.startIndex + prefix.count..<end], as: UTF8.self)
                body = data[(end + 1)...]
            }
            let response = HTTPResponse(
                status: statuses[data.count % statuses.count], headers: headers, body: Data(body))
            let error = pipeline.errors.apiError(
                response, endpoint: endpoint, correlationId: "fuzz", redaction: Redaction(tokens: [testToken]))
            if error.description.isEmpty { return .problem("empty description") }
            if error.rawBody != Data(body).prefix(APIError.rawBodyLimit) { return .problem("the raw body is not kept") }
            if let delay = error.retryAfter, delay < .zero || delay > RetryAfter.maximum {
                return .problem("Retry-After \(delay)")
            }
            guard error.code != nil else { return .refused }
            if case .problem(let problem) = reencode(error.details, pipeline: pipeline) { return .problem(problem) }
            return .decoded
        }
    }

    /// A thrown error is a refusal when it is the client's typed decoding error, with the body kept and a
    /// description that names the operation; anything else is a problem.
    private static func classify(_ error: any Error, body: Data, operation: String) -> FuzzOutcome {
        guard case ITwinClientError.decoding(let failure) = error else {
            return .problem("threw \(type(of: error)): \(error)")
        }
        if failure.rawBody != body.prefix(APIError.rawBodyLimit) { return .problem("the raw body is not kept") }
        if !String(describing: error).contains(operation) { return .problem("the description lacks the operation") }
        return .refused
    }

    /// What decoded must encode, and its encoding must decode and encode to the same bytes.
    private static func reencode<Value: Codable>(_ value: Value, pipeline: RequestPipeline) -> FuzzOutcome {
        do {
            let first = try pipeline.encode(value)
            let second = try pipeline.encode(try JSONDecoder().decode(Value.self, from: first))
            if first == second { return .decoded }
            let same = zip(first, second).prefix { $0 == $1 }.count
            func around(_ data: Data) -> String {
                String(decoding: data.dropFirst(max(0, same - 60)).prefix(160), as: UTF8.self)
            }
            return .problem("re-encoding is unstable at byte \(same): …\(around(first))… → …\(around(second))…")
        } catch {
            return .problem("a decoded \(Value.self) does not re-encode: \(error)")
        }
    }

    /// The configuration's parameters follow its type: raw parameters only for types the SDK does not model.
    private static func check(_ configuration: TransformationConfiguration) -> String? {
        _ = (configuration.sourceIModelId, configuration.targetIModelId)
        let modelled: [TransformType] = [.importIModel, .mergeIModel, .populateFederationGuids]
        if case .unknown = configuration.parameters, modelled.contains(configuration.transformType) {
            return "raw parameters kept for the modelled type \(configuration.transformType)"
        }
        return nil
    }
}
