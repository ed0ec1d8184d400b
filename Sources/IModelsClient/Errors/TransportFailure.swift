/// No answer came back from the server: the connection failed, was lost, or timed out.
public struct TransportFailure: Error, Sendable, Hashable {
    /// What went wrong, in broad terms that decide what is safe to do next.
    public struct Kind: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// A short name such as `"timedOut"`.
        public let rawValue: String
        /// Creates a kind.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The connection could not be made (refused, DNS failure, no route): the request was not sent.
        public static let cannotConnect = Kind(rawValue: "cannotConnect")
        /// The connection broke after the request was (possibly) sent.
        public static let connectionLost = Kind(rawValue: "connectionLost")
        /// No complete answer arrived in time.
        public static let timedOut = Kind(rawValue: "timedOut")
        /// A redirect was refused, for example to another origin.
        public static let redirectRefused = Kind(rawValue: "redirectRefused")
        /// The answer's body was larger than the transport accepts (its `maximumResponseBodySize`); the rest was
        /// not read.
        public static let responseTooLarge = Kind(rawValue: "responseTooLarge")
        /// Anything else.
        public static let other = Kind(rawValue: "other")

        /// The raw value.
        public var description: String { rawValue }
    }

    /// The SDK operation, for example `"cloneIModel"`; filled in by the pipeline when the transport left it empty.
    public var operation: String
    /// The broad kind of failure.
    public var kind: Kind
    /// A description of the underlying error (never the request's headers).
    public var underlyingDescription: String
    /// Whether the server may have received (and acted on) the request. `false` only when it certainly did not.
    public var requestMayHaveReachedServer: Bool

    /// Creates a failure.
    public init(
        operation: String = "",
        kind: Kind,
        underlyingDescription: String,
        requestMayHaveReachedServer: Bool
    ) {
        self.operation = operation
        self.kind = kind
        self.underlyingDescription = underlyingDescription
        self.requestMayHaveReachedServer = requestMayHaveReachedServer
    }
}

extension TransportFailure {
    /// The failure of a transport that stopped reading an answer whose body passed `limit` bytes (announced by
    /// `Content-Length`, or counted as it arrived, after any decompression). The server had the request.
    public static func responseTooLarge(operation: String, limit: Int) -> TransportFailure {
        TransportFailure(
            operation: operation, kind: .responseTooLarge,
            underlyingDescription: "the answer's body is larger than the limit of \(limit) bytes",
            requestMayHaveReachedServer: true)
    }
}

extension TransportFailure {
    /// The failure of a request that got no complete answer within `timeout`, ended by the SDK's own timer (the
    /// transport's or the pipeline's deadline guard) whatever the layer below did.
    static func timedOut(operation: String, after timeout: Duration) -> TransportFailure {
        TransportFailure(
            operation: operation, kind: .timedOut, underlyingDescription: "no complete answer within \(timeout)",
            requestMayHaveReachedServer: true)
    }
}

extension TransportFailure: CustomStringConvertible {
    /// One line for logs and error messages.
    public var description: String {
        let reached =
            requestMayHaveReachedServer ? "the request may have reached the server" : "the request was not sent"
        let name = operation.isEmpty ? "request" : operation
        return "\(name) failed (\(kind)): \(underlyingDescription); \(reached)"
    }
}

extension TransportFailure {
    /// Whether sending the same request again could get another outcome: not for a refused redirect (the server will
    /// redirect the same way) or an answer over the size limit (it will be as large).
    var mayPassOnRetry: Bool { kind != .redirectRefused && kind != .responseTooLarge }
}
