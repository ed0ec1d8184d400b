import Foundation

/// The decoding end of the pipeline: the JSON body of a successful answer as a value, or
/// ``ITwinClientError/decoding(_:)`` with what failed and where, and the raw body kept.
struct ResponseDecoding: Sendable {
    private let decoder = JSONDecoder()

    /// Decodes a JSON body; `userInfo` reaches the types' `init(from:)`.
    func decode<Value: Decodable>(
        _ type: Value.Type, from response: HTTPResponse, operation: String,
        userInfo: [CodingUserInfoKey: any Sendable] = [:]
    ) throws -> Value {
        guard !response.body.isEmpty else {
            throw ITwinClientError.decoding(
                DecodingFailure(operation: operation, status: response.status, reason: "the body is empty"))
        }
        do {
            if userInfo.isEmpty { return try decoder.decode(type, from: response.body) }
            let decoder = JSONDecoder()
            decoder.userInfo = userInfo
            return try decoder.decode(type, from: response.body)
        } catch {
            throw ITwinClientError.decoding(
                DecodingFailure(
                    operation: operation, status: response.status, reason: Self.describe(error),
                    rawBody: response.body))
        }
    }

    /// Encodes a request body (keys sorted, so bodies are reproducible).
    func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    /// A short reason for a `DecodingError`: what was missing or wrong, and where.
    static func describe(_ error: any Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the top level" : keys.joined(separator: ".")
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?:
            return "missing key '\(key.stringValue)' at \(path(context))"
        case .valueNotFound(_, let context)?:
            return "missing value at \(path(context))"
        case .typeMismatch(let type, let context)?:
            return "expected \(type) at \(path(context))"
        case .dataCorrupted(let context)?:
            return "invalid JSON at \(path(context)): \(context.debugDescription)"
        default:
            return String(describing: error)
        }
    }
}
