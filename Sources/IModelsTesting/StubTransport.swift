import Foundation
import IModelsClient

/// A transport that answers from a list of canned replies, for unit tests.
///
/// Stubs are consumed once, in order, matched by method and path: a request takes the first unused stub with its
/// method and a matching ``PathPattern``. Every request is recorded. A request no stub matches is recorded as
/// unexpected and answered `501` (never retried); ``verify()`` reports unexpected requests and unused stubs.
///
/// ```swift
/// let stub = StubTransport()
/// stub.enqueue(.get, "/imodels/abc/operations/create", status: 200, json: #"{"createOperation":{"state":"successful"}}"#)
/// ```
///
/// Under Swift Testing, give the suite the `.verifiesStubTransports` trait of the `IModelsTestingTraits` product:
/// every transport a test creates is then verified when the test ends, so a forgotten ``verify()`` cannot hide an
/// unexpected request or an unused stub. A test that expects either says so with ``removeUnexpectedRequests()`` or
/// ``removeUnusedStubs()`` and checks what they return.
public final class StubTransport: HTTPTransport {
    /// What a stub answers.
    public enum Reply: Sendable {
        /// A complete response.
        case response(HTTPResponse)
        /// A transport failure (no response).
        case failure(TransportFailure)
        /// A computed reply, for example one that inspects the request body.
        case handler(@Sendable (HTTPRequest) async throws -> HTTPResponse)
    }

    /// One canned reply.
    public struct Stub: Sendable, CustomStringConvertible {
        /// The method the request must have.
        public var method: HTTPMethod
        /// The path the request must match.
        public var path: PathPattern
        /// The reply.
        public var reply: Reply

        /// Creates a stub.
        public init(_ method: HTTPMethod, _ path: PathPattern, reply: Reply) {
            self.method = method
            self.path = path
            self.reply = reply
        }

        /// `METHOD path`.
        public var description: String { "\(method) \(path)" }
    }

    /// Why ``verify()`` failed.
    public struct VerificationError: Error, CustomStringConvertible {
        /// Requests no stub matched.
        public var unexpectedRequests: [String]
        /// Stubs no request used.
        public var unusedStubs: [String]
        /// A readable summary.
        public var description: String {
            "StubTransport: unexpected requests \(unexpectedRequests), unused stubs \(unusedStubs)"
        }
    }

    private struct State {
        var stubs: [Stub] = []
        var requests: [HTTPRequest] = []
        var unexpected: [HTTPRequest] = []
    }

    private let state = Locked(State())
    /// Where the transport was created, for the report of an automatic verification.
    package let creationSite: CreationSite

    /// Creates a transport with the given stubs.
    ///
    /// The source location says where the transport was made when an automatic verification (the
    /// `.verifiesStubTransports` trait) reports it; leave it to its defaults.
    public init(
        _ stubs: [Stub] = [],
        fileID: String = #fileID,
        filePath: String = #filePath,
        line: Int = #line,
        column: Int = #column
    ) {
        creationSite = CreationSite(fileID: fileID, filePath: filePath, line: line, column: column)
        state.withLock { $0.stubs = stubs }
        StubTransportRegistry.current?.register(self)
    }

    /// Adds a stub.
    public func enqueue(_ stub: Stub) {
        state.withLock { $0.stubs.append(stub) }
    }

    /// Adds a stub answering `status` with headers and a body.
    public func enqueue(
        _ method: HTTPMethod,
        _ path: PathPattern,
        status: Int = 200,
        headers: HTTPHeaders = [:],
        body: Data = Data()
    ) {
        enqueue(Stub(method, path, reply: .response(HTTPResponse(status: status, headers: headers, body: body))))
    }

    /// Adds a stub answering `status` with a JSON body (`Content-Type: application/json` is added).
    public func enqueue(
        _ method: HTTPMethod, _ path: PathPattern, status: Int = 200, headers: HTTPHeaders = [:], json: String
    ) {
        var headers = headers
        if headers["Content-Type"] == nil { headers["Content-Type"] = "application/json" }
        enqueue(method, path, status: status, headers: headers, body: Data(json.utf8))
    }

    /// Adds a stub that fails without a response.
    public func enqueue(_ method: HTTPMethod, _ path: PathPattern, failure: TransportFailure) {
        enqueue(Stub(method, path, reply: .failure(failure)))
    }

    /// Adds a stub whose reply is computed from the request.
    public func enqueue(
        _ method: HTTPMethod,
        _ path: PathPattern,
        handler: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse
    ) {
        enqueue(Stub(method, path, reply: .handler(handler)))
    }

    /// Every request received, in order.
    public var requests: [HTTPRequest] { state.withLock { $0.requests } }
    /// Requests no stub matched.
    public var unexpectedRequests: [HTTPRequest] { state.withLock { $0.unexpected } }
    /// Stubs not used yet.
    public var unusedStubs: [Stub] { state.withLock { $0.stubs } }

    /// Throws ``VerificationError`` when a request was unexpected or a stub was not used.
    public func verify() throws {
        let (unexpected, unused) = state.withLock { ($0.unexpected, $0.stubs) }
        guard unexpected.isEmpty && unused.isEmpty else {
            throw VerificationError(
                unexpectedRequests: unexpected.map(\.description), unusedStubs: unused.map(\.description))
        }
    }

    /// Forgets the stubs not used yet and returns them, for a test that expects some to stay unused: it checks what
    /// this returns, and ``verify()`` (explicit or automatic) no longer reports them.
    ///
    /// ```swift
    /// #expect(stub.removeUnusedStubs().map(\.description) == ["GET /imodels/abc"])
    /// ```
    @discardableResult
    public func removeUnusedStubs() -> [Stub] {
        state.withLock { state in
            defer { state.stubs.removeAll() }
            return state.stubs
        }
    }

    /// Forgets the requests no stub matched and returns them, for a test that expects some: it checks what this
    /// returns, and ``verify()`` (explicit or automatic) no longer reports them. ``requests`` still lists them.
    @discardableResult
    public func removeUnexpectedRequests() -> [HTTPRequest] {
        state.withLock { state in
            defer { state.unexpected.removeAll() }
            return state.unexpected
        }
    }

    /// Answers from the first unused stub that matches.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try Task.checkCancellation()
        let stub = state.withLock { state -> Stub? in
            state.requests.append(request)
            guard
                let index = state.stubs.firstIndex(where: {
                    $0.method == request.method && $0.path.matches(request.url)
                })
            else {
                state.unexpected.append(request)
                return nil
            }
            return state.stubs.remove(at: index)
        }
        guard let stub else {
            return HTTPResponse(status: 501, body: Data("StubTransport: no stub for \(request)".utf8))
        }
        switch stub.reply {
        case .response(let response): return response
        case .failure(let failure): throw failure
        case .handler(let handler): return try await TransportDeadline.guarding(request) { try await handler(request) }
        }
    }

    /// `true`: a canned reply is answered at once, and a handler's answer is awaited only until the request's
    /// `HTTPRequest.timeout`, so the pipeline's real-time guard (which a test on a ``VirtualClock`` would race
    /// against on a loaded machine) is not needed.
    public var guaranteesDeadlines: Bool { true }
}
