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
        var items: [Element] = []
        for try await item in self { items.append(item) }
        return items
    }

    /// Fetches pages as they are needed.
    public struct Iterator: AsyncIteratorProtocol {
        private let sequence: PageSequence
        private var buffer: [Element] = []
        private var bufferIndex = 0
        private var nextPage: Endpoint?
        private var followed: Set<String> = []
        private var started = false

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
                if let first = try? sequence.firstPage.url(baseURL: policy.baseURL, policy: policy) {
                    followed.insert(first.absoluteString)
                }
            }
            while bufferIndex == buffer.count {
                guard let page = nextPage else { return nil }
                nextPage = nil
                let decoded = try await sequence.pipeline.send(
                    page, as: Page.self, userInfo: [Page.collectionKeyInfo: sequence.collectionKey])
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
