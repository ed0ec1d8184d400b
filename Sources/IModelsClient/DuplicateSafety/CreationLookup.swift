import Foundation

/// How a duplicate-safe create (``DuplicateSafeCreate``) finds what its first request made: a list of candidates, read
/// in full (every page), and what proves that a candidate answers the request.
///
/// A candidate is the request's when it was created inside the request's ``CreationWindow`` (dated by the `Date`
/// header of the list's first page) and ``isOurs`` holds for it; of those, ``CreationWindow/pick(_:createdAt:)``
/// takes the one nearest the send, or reports them ambiguous.
struct CreationLookup<Candidate: Decodable & Sendable>: Sendable {
    /// The first page of the list of candidates.
    var list: Endpoint
    /// The collection key of the list's pages.
    var collectionKey: String
    /// When the service created a candidate (`nil`: unknown, never the request's).
    var createdAt: @Sendable (Candidate) -> Date?
    /// Whether a candidate created inside the window answers the request in every other way; it may ask the service
    /// more (a clone's create operation).
    var isOurs: @Sendable (Candidate, CreationWindow) async throws -> Bool

    /// Looks, through `pipeline`, for what the request sent at `sentAt` made; its failure came back at `failedAt`.
    /// Throws what the list or ``isOurs`` throws.
    func find(
        with pipeline: RequestPipeline, sentAt: Date, failedAt: Date
    ) async throws -> CreationWindow.Match<Candidate> {
        let listed = try await PageSequence<Candidate>(
            pipeline: pipeline, firstPage: list, collectionKey: collectionKey
        ).collectReadingClock()
        let window = CreationWindow(sentAt: sentAt, failedAt: failedAt, lookup: listed.firstAnswer)
        var ours: [Candidate] = []
        for candidate in listed.items where window.contains(createdAt(candidate)) {
            if try await isOurs(candidate, window) { ours.append(candidate) }
        }
        return window.pick(ours, createdAt: createdAt)
    }
}
