import Foundation

extension RequestPipeline {
    /// Reads every page of a list for a duplicate-safe lookup after an unknown outcome, and the ``CreationWindow`` of
    /// the request sent at `sentAt` whose failure came back at `failedAt`, dated by the first page's `Date` header.
    ///
    /// Throws like any call (a `next` link that is not a URL is a ``ITwinClientError/decoding(_:)`` error); callers
    /// turn a failed lookup into the unknown outcome that started it.
    func lookUp<Element: Decodable & Sendable>(
        _ endpoint: Endpoint, collectionKey: String, sentAt: Date, failedAt: Date
    ) async throws -> (items: [Element], window: CreationWindow) {
        typealias Page = PageSequence<Element>.Page
        let lookupSentAt = clock.now
        let first = try await send(endpoint)
        let window = CreationWindow(
            sentAt: sentAt, failedAt: failedAt, lookupSentAt: lookupSentAt, lookupReceivedAt: clock.now,
            serviceDate: first.headers["Date"].flatMap(HTTPDate.parse))
        let page = try decode(
            Page.self, from: first, operation: endpoint.operation, userInfo: [Page.collectionKeyInfo: collectionKey])
        var items = page.items
        if let next = page.next {
            guard let url = linkPolicy.resolve(next) else {
                throw ITwinClientError.decoding(
                    DecodingFailure(
                        operation: endpoint.operation, status: first.status, reason: "_links.next is not a URL: \(next)"
                    ))
            }
            var following = endpoint
            following.target = .link(url)
            items += try await PageSequence<Element>(
                pipeline: self, firstPage: following, collectionKey: collectionKey
            ).collect()
        }
        return (items, window)
    }
}
