import AsyncHTTPClient
import Foundation
import IModelsClient
import NIOCore
import NIOPosix

/// How an error of AsyncHTTPClient or SwiftNIO maps to a ``IModelsClient/TransportFailure/Kind``, and whether the
/// request may have reached the server.
///
/// Only errors raised before any connection carried the request say "not sent": a connection that could not be
/// made (refused, no route, connect timeout, the pool gave no connection, the client shut down). Everything else
/// (a connection closed or reset, a read timeout, a deadline, a malformed answer) happened after the request may
/// have been written, so it counts as possibly received.
enum AsyncHTTPClientFailureKind {
    static func classify(_ error: any Error) -> (TransportFailure.Kind, reached: Bool) {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .getConnectionFromPoolTimeout, .tlsHandshakeTimeout, .socksHandshakeTimeout,
                .httpProxyHandshakeTimeout:
                return (.cannotConnect, false)
            case .alreadyShutdown, .invalidURL, .emptyHost, .emptyScheme:
                return (.other, false)
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return (.timedOut, true)
            case .remoteConnectionClosed, .bodyLengthMismatch:
                return (.connectionLost, true)
            default:
                return (.other, true)
            }
        }
        if error is NIOConnectionError { return (.cannotConnect, false) }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout: return (.cannotConnect, false)
            case .ioOnClosedChannel, .outputClosed, .inputClosed, .eof, .alreadyClosed: return (.connectionLost, true)
            default: return (.other, true)
            }
        }
        if let error = error as? IOError {
            return [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH].contains(error.errnoCode)
                ? (.cannotConnect, false) : (.connectionLost, true)
        }
        return (.other, true)
    }
}
