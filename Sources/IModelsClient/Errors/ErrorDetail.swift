/// One entry of an error's `details` array.
public struct ErrorDetail: Sendable, Hashable, Codable {
    /// The detail's code, for example `InvalidValue`.
    public var code: ErrorCode?
    /// A human-readable message.
    public var message: String?
    /// The property or parameter the detail is about.
    public var target: String?
    /// The code of the inner error, when the server sent one.
    public var innerErrorCode: ErrorCode?

    /// Creates a detail.
    public init(code: ErrorCode?, message: String?, target: String? = nil, innerErrorCode: ErrorCode? = nil) {
        self.code = code
        self.message = message
        self.target = target
        self.innerErrorCode = innerErrorCode
    }

    private enum CodingKeys: String, CodingKey { case code, message, target, innerError }
    private struct Inner: Codable { var code: ErrorCode? }

    /// Decodes `{"code","message","target","innerError":{"code"}}`, every field optional.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try? container.decodeIfPresent(ErrorCode.self, forKey: .code)
        message = try? container.decodeIfPresent(String.self, forKey: .message)
        target = try? container.decodeIfPresent(String.self, forKey: .target)
        innerErrorCode = (try? container.decodeIfPresent(Inner.self, forKey: .innerError))??.code
    }

    /// Encodes the documented shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(code, forKey: .code)
        try container.encodeIfPresent(message, forKey: .message)
        try container.encodeIfPresent(target, forKey: .target)
        if let innerErrorCode { try container.encode(Inner(code: innerErrorCode), forKey: .innerError) }
    }
}
