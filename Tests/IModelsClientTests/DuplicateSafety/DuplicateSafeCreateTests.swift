import Foundation
import IModelsTesting
import Testing

@testable import IModelsClient

/// The one duplicate-safety mechanism, with the send and the lookup replaced by scripted closures: what it does after
/// each kind of outcome, counted in sends and lookups.
@Suite struct DuplicateSafeCreateTests {
    /// Scripted sends and lookups, answered in order, counted.
    final class Script: Sendable {
        private let state = Locked<(sends: [Result<String, ITwinClientError>], lookups: [Lookup], log: [String])>(
            ([], [], []))

        enum Lookup: Sendable {
            case match(CreationWindow.Match<String>)
            case failure(any Error)
        }

        init(sends: [Result<String, ITwinClientError>], lookups: [Lookup] = []) {
            state.withLock {
                $0.sends = sends
                $0.lookups = lookups
            }
        }

        /// `send` and `lookUp` in the order they were called.
        var log: [String] { state.withLock { $0.log } }

        func send() throws -> String {
            let next = state.withLock { state -> Result<String, ITwinClientError> in
                state.log.append("send")
                return state.sends.isEmpty ? .failure(.invalidRequest("no send scripted")) : state.sends.removeFirst()
            }
            return try next.get()
        }

        func lookUp() throws -> CreationWindow.Match<String> {
            let next = state.withLock { state -> Lookup in
                state.log.append("lookUp")
                return state.lookups.isEmpty
                    ? .failure(ITwinClientError.invalidRequest("no lookup"))
                    : state.lookups
                        .removeFirst()
            }
            switch next {
            case .match(let match): return match
            case .failure(let error): throw error
            }
        }

        func create(conflictMayBeOurs: Bool = false) -> DuplicateSafeCreate<String> {
            DuplicateSafeCreate(
                operation: "createThing", conflictMayBeOurs: conflictMayBeOurs, id: { "id-\($0)" },
                send: { try self.send() }, lookUp: { _, _ in try self.lookUp() })
        }
    }

    static let lost = ITwinClientError.transport(connectionLost)
    static let conflict = ITwinClientError.api(
        APIError(operation: "createThing", status: 409, code: "iModelExists", message: "The name is taken."))

    private func perform(_ script: Script, conflictMayBeOurs: Bool = false) async -> Result<String, any Error> {
        do {
            return .success(
                try await script.create(conflictMayBeOurs: conflictMayBeOurs).perform(clock: VirtualClock()))
        } catch {
            return .failure(error)
        }
    }

    @Test func aSuccessfulSendIsNotLookedUp() async throws {
        let script = Script(sends: [.success("made")])
        #expect(try await perform(script).get() == "made")
        #expect(script.log == ["send"])
    }

    @Test(arguments: [
        ITwinClientError.transport(connectionRefused),
        .api(APIError(operation: "createThing", status: 422, code: "InvalidValue", message: "No.")),
        .api(APIError(operation: "createThing", status: 501, code: "NotImplemented", message: "No.")),
        .decoding(DecodingFailure(operation: "createThing", status: 201, reason: "the body is empty")),
    ])
    func anOutcomeTheServerDidNotActOnIsThrownWithoutALookup(_ error: ITwinClientError) async throws {
        let script = Script(sends: [.failure(error)])
        let result = await perform(script)
        #expect(throws: ITwinClientError.self) { try result.get() }
        #expect(script.log == ["send"], "\(error)")
    }

    @Test func aLostAnswerWhoseResourceIsFoundReturnsItWithoutResending() async throws {
        let script = Script(sends: [.failure(Self.lost)], lookups: [.match(.found("made"))])
        #expect(try await perform(script).get() == "made")
        #expect(script.log == ["send", "lookUp"])
    }

    @Test func aLostAnswerWithNothingFoundIsResentExactlyOnce() async throws {
        let script = Script(sends: [.failure(Self.lost), .success("resent")], lookups: [.match(.none)])
        #expect(try await perform(script).get() == "resent")
        #expect(script.log == ["send", "lookUp", "send"])
    }

    @Test func aSecondUnknownOutcomeIsThrownWithoutAThirdSend() async throws {
        let script = Script(sends: [.failure(Self.lost), .failure(Self.lost)], lookups: [.match(.none)])
        guard case .failure(ITwinClientError.transport(let failure)) = await perform(script) else {
            Issue.record("expected the lost connection")
            return
        }
        #expect(failure.kind == .connectionLost)
        #expect(script.log == ["send", "lookUp", "send"])
    }

    @Test func severalCandidatesEndInAnAmbiguousOutcomeNamingThem() async throws {
        let script = Script(sends: [.failure(Self.lost)], lookups: [.match(.ambiguous(["a", "b"]))])
        guard case .failure(ITwinClientError.ambiguousOutcome(let operation, let candidates)) = await perform(script)
        else {
            Issue.record("expected ambiguousOutcome")
            return
        }
        #expect(operation == "createThing")
        #expect(candidates == ["id-a", "id-b"])
        #expect(script.log == ["send", "lookUp"], "nothing is sent again")
    }

    @Test(arguments: [
        ITwinClientError.api(APIError(operation: "list", status: 403, code: "Forbidden", message: "No.")),
        .decoding(DecodingFailure(operation: "list", status: 200, reason: "truncated")),
        .untrustedURL(URL(string: "https://elsewhere.example/next")!),
    ])
    func aFailedLookupThrowsTheUnknownOutcomeWithoutResending(_ lookupError: ITwinClientError) async throws {
        let script = Script(sends: [.failure(Self.lost)], lookups: [.failure(lookupError)])
        guard case .failure(ITwinClientError.transport(let failure)) = await perform(script) else {
            Issue.record("expected the lost connection")
            return
        }
        #expect(failure.kind == .connectionLost)
        #expect(script.log == ["send", "lookUp"])
    }

    @Test func aCancelledLookupEndsInCancellation() async throws {
        let script = Script(sends: [.failure(Self.lost)], lookups: [.failure(CancellationError())])
        guard case .failure(let error) = await perform(script) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error is CancellationError)
        #expect(script.log == ["send", "lookUp"])
    }

    @Test func aConflictOnTheResendIsLookedUpAgainWhereItMayBeOurs() async throws {
        let script = Script(
            sends: [.failure(Self.lost), .failure(Self.conflict)], lookups: [.match(.none), .match(.found("made"))])
        #expect(try await perform(script, conflictMayBeOurs: true).get() == "made")
        #expect(script.log == ["send", "lookUp", "send", "lookUp"])
    }

    @Test func aConflictOnTheResendThatIsNotOursIsThrown() async throws {
        let script = Script(
            sends: [.failure(Self.lost), .failure(Self.conflict)], lookups: [.match(.none), .match(.none)])
        let result = await perform(script, conflictMayBeOurs: true)
        guard case .failure(ITwinClientError.api(let error)) = result else {
            Issue.record("expected the 409, got \(result)")
            return
        }
        #expect(error.status == 409)
        #expect(script.log == ["send", "lookUp", "send", "lookUp"])
    }

    @Test func aConflictOnTheResendIsThrownAsItIsWhereItCannotBeOurs() async throws {
        let script = Script(sends: [.failure(Self.lost), .failure(Self.conflict)], lookups: [.match(.none)])
        guard case .failure(ITwinClientError.api(let error)) = await perform(script) else {
            Issue.record("expected the 409")
            return
        }
        #expect(error.status == 409)
        #expect(script.log == ["send", "lookUp", "send"])
    }

    @Test func theLookupIsDatedFromTheFirstSendToItsFailure() async throws {
        let clock = VirtualClock()
        let start = clock.now
        let seen = Locked<[(Date, Date)]>([])
        let create = DuplicateSafeCreate<String>(
            operation: "createThing", id: { $0 },
            send: {
                clock.advance(by: .seconds(7))
                throw Self.lost
            },
            lookUp: { sentAt, failedAt in
                seen.withLock { $0.append((sentAt, failedAt)) }
                return .found("made")
            })
        #expect(try await create.perform(clock: clock) == "made")
        let dates = try #require(seen.withLock { $0 }.first)
        #expect(dates.0 == start)
        #expect(dates.1 == start.addingTimeInterval(7))
    }
}
