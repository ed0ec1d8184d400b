import Foundation

/// The items of a paged list, fetched lazily one page at a time by following `_links.next`.
///
/// A `next` link (resolved against the base URL when it is relative) is followed only when it is on the base URL's
/// origin (else ``ITwinClientError/untrustedURL(_:)``);
/// the sequence ends when the link is absent, null, or repeats one already followed.
///
/// ```swift
/// for try await changeset in client.iModels.changesets(of: id) { print(changeset.index) }
/// ```
public struct PageSequence<Element: Decodable & Sendable>: AsyncSequence, Sendable {
    let pipeline: RequestPipeline
    let firstPage: Endpoint
    let collectionKey: String
    /// Checks run before the first request (bad input is refused before anything is sent).
    var precondition: @Sendable () throws -> Void = {}

    /// Makes an iterator that starts at the first page.
    public func makeAsyncIterator() -> Iterator {
        Iterator(sequence: self)
    }

    /// Collects every item into an array (fetching every page).
    public func collect() async throws -> [Element] {
        try await collectReadingClock().items
    }

    /// Every item (fetching every page), and the reading of the service's clock the first page's answer gave: what a
    /// duplicate-safe lookup dates its ``CreationWindow`` with.
    func collectReadingClock() async throws -> (items: [Element], firstAnswer: ServiceClockReading) {
        let startedAt = pipeline.clock.now
        var items: [Element] = []
        var iterator = makeAsyncIterator()
        while let item = try await iterator.next() { items.append(item) }
        // The first page is always fetched; were it not, nothing would be known of the service's clock.
        let unknown = ServiceClockReading(sentAt: startedAt, receivedAt: pipeline.clock.now, serviceDate: nil)
        return (items, iterator.firstAnswer ?? unknown)
    }

    /// Fetches pages as they are needed.
    public struct Iterator: AsyncIteratorProtocol {
        private let sequence: PageSequence
        private var buffer: [Element] = []
        private var bufferIndex = 0
        private var nextPage: Endpoint?
        private var followed: Set<String> = []
        private var started = false
        /// The reading of the service's clock the first page's answer gave (`nil` until it is answered).
        private(set) var firstAnswer: ServiceClockReading?

        init(sequence: PageSequence) {
            self.sequence = sequence
            self.nextPage = sequence.firstPage
        }

        /// The next item, fetching the next page when the current one is used up; `nil` at the end.
        public mutating func next() async throws -> Element? {
            if !started {
                started = true
                try sequence.precondition()
                // A `next` link back to the first page is a loop too.
                let policy = sequence.pipeline.linkPolicy
                if let first = try? sequence.firstPage.url(policy: policy) {
                    followed.insert(first.absoluteString)
                }
            }
            while bufferIndex == buffer.count {
                guard let page = nextPage else { return nil }
                nextPage = nil
                let pipeline = sequence.pipeline
                let sentAt = pipeline.clock.now
                let response = try await pipeline.send(page)
                if firstAnswer == nil {
                    firstAnswer = ServiceClockReading(
                        sentAt: sentAt, receivedAt: pipeline.clock.now, response: response)
                }
                let decoded = try pipeline.decode(
                    Page.self, from: response, operation: page.operation,
                    userInfo: [Page.collectionKeyInfo: sequence.collectionKey])
                buffer = decoded.items
                bufferIndex = 0
                if let href = decoded.next {
                    guard let url = sequence.pipeline.linkPolicy.resolve(href) else {
                        throw ITwinClientError.decoding(
                            DecodingFailure(
                                operation: page.operation, status: 200, reason: "_links.next is not a URL: \(href)"))
                    }
                    guard followed.insert(url.absoluteString).inserted else { continue }
                    var following = sequence.firstPage
                    following.target = .link(url)
                    nextPage = following
                }
            }
            defer { bufferIndex += 1 }
            return buffer[bufferIndex]
        }
    }

    /// One page: `{"<collection>": [...], "_links": {"next": {"href": …}}}`.
    struct Page: Decodable {
        static var collectionKeyInfo: CodingUserInfoKey { CodingUserInfoKey(rawValue: "IModelsClient.collectionKey")! }

        var items: [Element]
        var next: String?

        private struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        private struct Links: Decodable {
            var next: Link?
        }

        init(from decoder: any Decoder) throws {
            let key = decoder.userInfo[Self.collectionKeyInfo] as? String ?? ""
            let container = try decoder.container(keyedBy: Key.self)
            items = try container.decode([Element].self, forKey: Key(stringValue: key))
            next = container.decodeLeniently(Links.self, forKey: Key(stringValue: "_links"))?.next?.href
        }
    }
}
