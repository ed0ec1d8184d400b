import Foundation
import IModelsClient
import SocketFaultServer
import Testing

/// One socket-level case: a fault, the operation it hits, and whether the faulted request may travel on a
/// connection an earlier request left open.
struct SocketFaultCase: Sendable, CustomTestStringConvertible {
    /// What the SDK does when the fault hits.
    enum Operation: String, CaseIterable, Sendable {
        /// `createOperation(of:)`: one `GET`.
        case createOperation
        /// `clone`: a `POST` with a body, duplicate-safe.
        case clone
        /// `run(configurationId:)`: a `POST` with a body, duplicate-safe.
        case run
        /// `changesets(of:top: 1)`: three pages of `GET`s.
        case pagedList

        /// The method and path fragment of the request the fault is injected into.
        var faulted: (method: String, path: String) {
            switch self {
            case .createOperation: return ("GET", "/operations/create")
            case .clone: return ("POST", "/clone")
            case .run: return ("POST", "/transformations/")
            case .pagedList: return ("GET", "/changesets")
            }
        }
    }

    var fault: SocketFault
    var operation: Operation
    var reusedConnection: Bool

    var testDescription: String {
        "\(operation.rawValue) × \(fault) × \(reusedConnection ? "reused" : "fresh") connection"
    }

    /// Longer than ``SocketWorld/requestTimeout``: an answer that comes after the client gave up.
    static let lateAnswer = Duration.milliseconds(1_500)

    static let faults: [SocketFault] = [
        .closeBeforeAnswer(afterServerActs: false), .closeBeforeAnswer(afterServerActs: true), .reset,
        .closeAfterHeaders, .closeMidBody, .truncatedChunkedBody, .delayedAnswer(lateAnswer),
        .trickle(every: .milliseconds(100)), .garbageStatusLine, .http10WithoutLength, .connectionClose, .gzipBody,
        .oversizedBody(bytes: 10_000_000), .hugeHeader(bytes: 70 * 1024),
    ]

    /// Every fault × operation × connection.
    static let all: [SocketFaultCase] = faults.flatMap { fault in
        Operation.allCases.flatMap { operation in
            [false, true].map { SocketFaultCase(fault: fault, operation: operation, reusedConnection: $0) }
        }
    }
}
