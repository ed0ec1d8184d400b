import Foundation

/// A fault at the TCP or HTTP level that ``SocketFaultServer`` injects into its answer to one request.
///
/// Faults that end the connection without a complete answer say whether the server acted on the request first
/// (the simulator behind the server handled it): a client cannot tell the two apart, which is what the SDK's
/// duplicate safety is for.
public enum SocketFault: Sendable, Hashable, CustomStringConvertible {
    /// Closes the connection without answering (before or after the server acted).
    case closeBeforeAnswer(afterServerActs: Bool)
    /// Resets the connection (RST, `SO_LINGER` 0) instead of answering, after the server acted.
    case reset
    /// Sends the answer's head (with its `Content-Length`) and closes.
    case closeAfterHeaders
    /// Sends the head and half of a `Content-Length` body, and closes.
    case closeMidBody
    /// Sends the body chunked, and closes after the first chunk without the last one.
    case truncatedChunkedBody
    /// Waits this long before sending anything (longer than the client's timeout: headers after the timeout).
    case delayedAnswer(Duration)
    /// Sends the whole answer one byte per interval.
    case trickle(every: Duration)
    /// Answers with a status line that is not HTTP, and closes.
    case garbageStatusLine
    /// Answers `HTTP/1.0` without `Content-Length`, ending the body by closing the connection (valid HTTP).
    case http10WithoutLength
    /// Answers with `Connection: close` and closes after the answer (valid HTTP).
    case connectionClose
    /// Sends the body gzip-encoded with `Content-Encoding: gzip`, whether or not the client asked for it.
    case gzipBody
    /// Pads the JSON body with whitespace to this many bytes (valid JSON).
    case oversizedBody(bytes: Int)
    /// Adds a header of this many bytes.
    case hugeHeader(bytes: Int)

    /// Whether the simulator handles the request before the fault: everything but a close before acting.
    public var serverActs: Bool {
        if case .closeBeforeAnswer(let after) = self { return after }
        return true
    }

    /// Whether the fault leaves the client without a usable answer (not a valid, if unusual, HTTP answer).
    public var breaksTheAnswer: Bool {
        switch self {
        case .http10WithoutLength, .connectionClose, .gzipBody, .oversizedBody, .hugeHeader: return false
        default: return true
        }
    }

    /// A short name for test output.
    public var description: String {
        switch self {
        case .closeBeforeAnswer(let after): return after ? "close after acting" : "close before acting"
        case .reset: return "reset"
        case .closeAfterHeaders: return "close after headers"
        case .closeMidBody: return "close mid-body"
        case .truncatedChunkedBody: return "truncated chunked body"
        case .delayedAnswer(let delay): return "headers after \(delay)"
        case .trickle(let every): return "1 byte per \(every)"
        case .garbageStatusLine: return "garbage status line"
        case .http10WithoutLength: return "HTTP/1.0 without length"
        case .connectionClose: return "Connection: close"
        case .gzipBody: return "gzip body"
        case .oversizedBody(let bytes): return "\(bytes / 1_000_000) MB body"
        case .hugeHeader(let bytes): return "\(bytes / 1024) KiB header"
        }
    }
}
