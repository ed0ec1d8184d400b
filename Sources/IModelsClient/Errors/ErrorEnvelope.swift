import Foundation

/// Reads the body of an error answer: the envelope `{"error":{"code","message","target","details"}}`, the unwrapped
/// `{"code","message"}` some 401s use, an empty body, or anything else (HTML, truncated JSON), never failing.
struct ErrorEnvelope: Decodable {
    /// The fields of an error object.
    struct Body: Decodable {
        var code: ErrorCode?
        var message: String?
        var target: String?
        var details: [ErrorDetail]?

        private enum CodingKeys: String, CodingKey { case code, message, target, details }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            code = container.decodeLeniently(ErrorCode.self, forKey: .code)
            message = container.decodeLeniently(String.self, forKey: .message)
            target = container.decodeLeniently(String.self, forKey: .target)
            details = container.decodeLeniently([ErrorDetail].self, forKey: .details)
        }
    }

    var error: Body?
    var unwrapped: Body?

    private enum CodingKeys: String, CodingKey { case error }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        error = container.decodeLeniently(Body.self, forKey: .error)
        unwrapped = try? Body(from: decoder)
    }

    /// The error fields found in `body`, or `nil` when the body is not a JSON error object.
    static func read(_ body: Data) -> Body? {
        guard !body.isEmpty, let envelope = try? JSONDecoder().decode(ErrorEnvelope.self, from: body) else {
            return nil
        }
        if let error = envelope.error, error.code != nil || error.message != nil { return error }
        if let unwrapped = envelope.unwrapped, unwrapped.code != nil { return unwrapped }
        return nil
    }
}
