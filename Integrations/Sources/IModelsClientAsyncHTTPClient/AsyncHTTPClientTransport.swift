import AsyncHTTPClient
import Foundation
import IModelsClient
import NIOCore
import NIOHTTP1

/// An ``IModelsClient/HTTPTransport`` on AsyncHTTPClient (SwiftNIO): the transport for Swift server backends on
/// Linux.
///
/// ```swift
/// let transport = AsyncHTTPClientTransport()                 // owns an HTTPClient; call shutdown() at the end
/// let client = ITwinClient(configuration: .init(), accessToken: { try await tokens() }, transport: transport)
/// ...
/// try await transport.shutdown()
/// ```
///
/// It either owns an `HTTPClient` (created from the configuration you pass, shut down by ``shutdown()``) or borrows
/// the application's (``init(borrowing:maximumResponseBodySize:)``), which it never shuts down.
///
/// Like ``IModelsClient/URLSessionTransport``: every status comes back as an ``IModelsClient/HTTPResponse``; no
/// answer throws ``IModelsClient/TransportFailure`` with ``IModelsClient/TransportFailure/requestMayHaveReachedServer``
/// `false` only when no connection could be made; ``IModelsClient/HTTPRequest/timeout`` bounds the whole exchange;
/// cancelling the calling task cancels the request and throws `CancellationError`; a body over
/// ``maximumResponseBodySize`` is not read (``IModelsClient/TransportFailure/Kind/responseTooLarge``). It never
/// sends a request twice: AsyncHTTPClient does not retry requests, and this transport does not either.
///
/// Redirects follow ``IModelsClient/RedirectPolicy``: the transport follows them itself (at most 5), unchanged on
/// the same origin, without `Authorization` to another origin, and never from `https` to `http`. A `303` (and a
/// `301` or `302` answering a `POST`) is followed with a `GET` without body; a `307` or `308` keeps the method and
/// body. The client it owns is configured not to follow redirects itself; give a borrowed client
/// `redirectConfiguration: .disallow` too, or AsyncHTTPClient's own rules apply (they also keep `Authorization` on
/// its origin, but follow `https` to `http`).
public final class AsyncHTTPClientTransport: HTTPTransport {
    /// The most redirects followed for one request.
    public static let maximumRedirects = 5

    private let client: HTTPClient
    private let ownsClient: Bool
    /// The largest response body accepted, in bytes.
    public let maximumResponseBodySize: Int

    /// Creates a transport that owns a new `HTTPClient` on the shared event loop group. `configuration`'s
    /// `redirectConfiguration` is replaced by `.disallow`: the transport follows redirects itself.
    ///
    /// - Parameters:
    ///   - configuration: the client's configuration (timeouts, pool, TLS, proxy).
    ///   - maximumResponseBodySize: the largest body read, in bytes; default
    ///     ``IModelsClient/HTTPResponse/defaultMaximumBodySize`` (32 MiB).
    public init(
        configuration: HTTPClient.Configuration = HTTPClient.Configuration(),
        maximumResponseBodySize: Int = HTTPResponse.defaultMaximumBodySize
    ) {
        var configuration = configuration
        configuration.redirectConfiguration = .disallow
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        ownsClient = true
        self.maximumResponseBodySize = max(0, maximumResponseBodySize)
    }

    /// Creates a transport that sends through the application's `client` and never shuts it down.
    public init(borrowing client: HTTPClient, maximumResponseBodySize: Int = HTTPResponse.defaultMaximumBodySize) {
        self.client = client
        ownsClient = false
        self.maximumResponseBodySize = max(0, maximumResponseBodySize)
    }

    /// Shuts down the client this transport owns (a borrowed client is left running). Call it once, when no more
    /// requests will be sent.
    public func shutdown() async throws {
        if ownsClient { try await client.shutdown() }
    }

    /// Sends the request, following redirects, and returns the final answer with its whole body.
    ///
    /// - Throws: ``IModelsClient/TransportFailure`` when no answer arrived, `CancellationError` when the calling task
    ///   was cancelled.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try Task.checkCancellation()
        let deadline = request.timeout.map { NIODeadline.now() + TimeAmount($0) } ?? .distantFuture
        var current = request
        var redirects = 0
        while true {
            let response = try await exchange(current, deadline: deadline)
            guard let next = try redirect(after: response, of: current) else { return response }
            redirects += 1
            if redirects > Self.maximumRedirects {
                throw failure(
                    of: request, .redirectRefused, "more than \(Self.maximumRedirects) redirects", reached: true)
            }
            current = next
        }
    }

    /// One request and its answer, without following redirects.
    private func exchange(_ request: HTTPRequest, deadline: NIODeadline) async throws -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        for field in request.headers { outgoing.headers.add(name: field.name, value: field.value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await client.execute(outgoing, deadline: deadline)
            let body = try await response.body.collect(upTo: maximumResponseBodySize)
            return HTTPResponse(
                status: Int(response.status.code),
                headers: IModelsClient.HTTPHeaders(response.headers.map { ($0.name, $0.value) }),
                body: Data(body.readableBytesView))
        } catch {
            throw mapped(error, for: request)
        }
    }

    /// The request that follows a 3xx answer under ``IModelsClient/RedirectPolicy``, `nil` for an answer that is
    /// not a redirect; throws when the policy refuses it.
    private func redirect(after response: HTTPResponse, of request: HTTPRequest) throws -> HTTPRequest? {
        guard
            let target = RedirectPolicy.target(
                ofAnswer: response.status, location: response.headers["Location"], from: request.url)
        else { return nil }
        var next = request
        next.url = target
        switch RedirectPolicy.decision(from: request.url, to: target) {
        case .follow:
            break
        case .followWithoutAuthorization:
            next.headers["Authorization"] = nil
        case .refuse:
            throw failure(
                of: request, .redirectRefused,
                RedirectPolicy.refusal(status: response.status, from: request.url, to: target), reached: true)
        }
        if response.status == 303 || ([301, 302].contains(response.status) && request.method == .post) {
            if next.method != .get { next.method = .get }
            next.body = nil
            next.headers["Content-Type"] = nil
        }
        return next
    }

    private func failure(
        of request: HTTPRequest, _ kind: TransportFailure.Kind, _ text: String, reached: Bool
    ) -> TransportFailure {
        TransportFailure(
            operation: request.operation, kind: kind, underlyingDescription: text, requestMayHaveReachedServer: reached)
    }

    /// `CancellationError` when the calling task was cancelled, otherwise the ``IModelsClient/TransportFailure`` for
    /// what AsyncHTTPClient or SwiftNIO threw.
    private func mapped(_ error: any Error, for request: HTTPRequest) -> any Error {
        if Task.isCancelled || error is CancellationError { return CancellationError() }
        if error is NIOTooManyBytesError {
            return TransportFailure.responseTooLarge(operation: request.operation, limit: maximumResponseBodySize)
        }
        // AsyncHTTPClient's and SwiftNIO's errors name no header; the client also redacts every token it used from
        // every failure's description.
        let (kind, reached) = AsyncHTTPClientFailureKind.classify(error)
        return failure(of: request, kind, "\(type(of: error)): \(error)", reached: reached)
    }
}
