import Foundation

/// The SDK's one duplicate-safety mechanism: send a create request; when its outcome is unknown, look up what the
/// first request made; return it, or send once more.
///
/// Every create uses it: clone and fork, `createIModel`, every configuration creation, and runs. Each brings its own
/// ``send`` and ``lookUp`` (usually a ``CreationLookup``); the rules are here, once:
///
/// - The outcome is unknown exactly when ``ITwinClientError/serverMayHaveActed`` says the server may have acted (the
///   connection was lost after sending, a timeout, or a `5xx` but `501`, `505` and `503` with `Retry-After`). Any
///   other error is thrown as it is: a refused connection or a `429` was never acted on, and the pipeline has already
///   resent it.
/// - After an unknown outcome, ``lookUp`` runs once. What it finds is returned; when it finds nothing, the request is
///   sent once more, and whatever that resend ends in is the call's result (a second unknown outcome is thrown, never
///   sent a third time).
/// - Several candidates the lookup cannot tell apart end the call with
///   ``ITwinClientError/ambiguousOutcome(operation:candidates:)``: the SDK neither guesses nor sends again.
/// - A lookup that fails (an error, a decoding failure) throws the error that made the outcome unknown: the outcome is
///   still unknown, so nothing is sent again. Cancellation is never swallowed.
/// - With ``conflictMayBeOurs``, a `409` to the resend is resolved by the same lookup (the first request's resource
///   may have reached the list only after the first look), the window still opening at the first send; only if that
///   finds nothing is the `409` thrown.
struct DuplicateSafeCreate<Created: Sendable>: Sendable {
    /// The SDK operation, as ``ITwinClientError/ambiguousOutcome(operation:candidates:)`` names it.
    var operation: String
    /// Whether a `409` to the resend can be the first request's resource in the way: true where the service refuses a
    /// second resource of the same name (iModels, `409 iModelExists`); false where a `409` says something else (a run
    /// on a busy target).
    var conflictMayBeOurs = false
    /// The id of a created resource, to name ambiguous candidates.
    var id: @Sendable (Created) -> String
    /// Sends the create request once (through the pipeline, with its retries) and reads what it made.
    var send: @Sendable () async throws -> Created
    /// Looks for what a request sent at `sentAt` (this machine's clock), whose failure came back at `failedAt`, made.
    var lookUp: @Sendable (_ sentAt: Date, _ failedAt: Date) async throws -> CreationWindow.Match<Created>

    /// Sends the request, looking up what it made after an unknown outcome; `clock` dates the send and the failure.
    func perform(clock: any ITwinClock) async throws -> Created {
        let sentAt = clock.now
        do {
            return try await send()
        } catch let unknown as ITwinClientError where unknown.serverMayHaveActed {
            if let made = try await find(sentAt: sentAt, failedAt: clock.now, otherwise: unknown) { return made }
            do {
                return try await send()
            } catch let conflict as ITwinClientError where conflictMayBeOurs && conflict.apiError?.status == 409 {
                if let made = try await find(sentAt: sentAt, failedAt: clock.now, otherwise: conflict) { return made }
                throw conflict
            }
        }
    }

    /// What the lookup found: the request's resource, or `nil` for none. Throws
    /// ``ITwinClientError/ambiguousOutcome(operation:candidates:)`` for several, and `otherwise` when the lookup fails.
    private func find(sentAt: Date, failedAt: Date, otherwise: ITwinClientError) async throws -> Created? {
        let match: CreationWindow.Match<Created>
        do {
            match = try await lookUp(sentAt, failedAt)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw otherwise
        }
        switch match {
        case .none:
            return nil
        case .found(let made):
            return made
        case .ambiguous(let candidates):
            throw ITwinClientError.ambiguousOutcome(operation: operation, candidates: candidates.map(id))
        }
    }
}
