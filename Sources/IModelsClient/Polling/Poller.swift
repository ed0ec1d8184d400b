import Foundation

/// The one polling loop behind every wait and update stream of the SDK.
///
/// Delays follow the client's ``PollingPolicy`` (jittered, capped), are never shorter than a `Retry-After` the
/// server asked for, and never run past the deadline. A wait always polls at least once (a timeout of zero or less
/// counts as zero: one poll at once), and its last poll happens at the deadline (none when a `Retry-After` reaches
/// past it), on the real clock too; and if the resource has not reached the awaited state by then the wait ends with
/// ``ITwinClientError/timedOut(operation:resourceId:lastState:)`` (or, when no poll ever got an answer, with the last
/// transport failure). A `429`, `5xx` or lost connection while polling is absorbed (the pipeline retries it, and a
/// poll that still fails counts as "no news"); so is a `404` before the resource was first seen, for
/// ``notFoundGrace`` from the start (then it is thrown, or at the deadline if that comes first). Cancelling the calling
/// task stops polling.
struct Poller: Sendable {
    /// What to do after a poll.
    enum Verdict<Result> {
        /// The awaited state was reached.
        case done(Result)
        /// Keep polling.
        case keepPolling
    }

    let pipeline: RequestPipeline

    /// How long from its start a wait polls through `404` while it has not yet seen the resource: right after a clone,
    /// fork or run, the service may not show the new resource for a moment (eventual consistency). After that, or once
    /// the resource was seen, a `404` ends the wait.
    static let notFoundGrace: Duration = .seconds(60)

    /// Polls `fetch` until `evaluate` says done, `evaluate` throws, or the deadline passes.
    ///
    /// - Parameters:
    ///   - pollImmediately: make the first poll at once instead of after the first delay.
    ///   - describe: the state of an observation, reported in `timedOut`.
    func poll<Observation, Result>(
        operation: String,
        resourceId: String,
        timeout: Duration?,
        pollImmediately: Bool = false,
        fetch: (_ deadline: Date?) async throws -> Observation,
        describe: (Observation) -> String,
        evaluate: (Observation) async throws -> Verdict<Result>
    ) async throws -> Result {
        let clock = pipeline.clock
        let policy = pipeline.configuration.pollingPolicy
        // A timeout of zero or less is zero: one poll, at once.
        let deadline = timeout.map { clock.now.addingTimeInterval(max(0, $0.seconds)) }
        let notFoundGraceEnds = clock.now.addingTimeInterval(Self.notFoundGrace.seconds)
        var pollIndex = 0
        var lastState: String?
        var askedToWait: Duration?
        var lastFailure: ITwinClientError?
        // At the deadline: `timedOut` with the last state seen, or, when no poll ever got an answer from the server
        // (the network is down: every attempt was a transport failure), that failure, which says what is wrong.
        func deadlinePassed() -> ITwinClientError {
            if lastState == nil, let lastFailure { return lastFailure }
            return .timedOut(operation: operation, resourceId: resourceId, lastState: lastState)
        }
        while true {
            if pollIndex > 0 || !pollImmediately {
                let delayIndex = pollImmediately ? pollIndex - 1 : pollIndex
                var delay = policy.delay(beforePoll: delayIndex, unitRandom: pipeline.jitter.unit())
                if let askedToWait, askedToWait > delay { delay = askedToWait }
                if let deadline {
                    let left = Duration.seconds(max(0, deadline.timeIntervalSince(clock.now)))
                    if left <= .zero, pollIndex > 0 {
                        throw deadlinePassed()
                    }
                    if let askedToWait, askedToWait > left {
                        // The server asked for no poll before the deadline: stop there without polling again.
                        try await clock.sleep(for: left)
                        throw deadlinePassed()
                    }
                    delay = min(delay, left)
                }
                try await clock.sleep(for: delay)
            }
            pollIndex += 1
            if let deadline, pipeline.gate.holds(.general, past: deadline) {
                // Another caller's 429 holds every poll past the deadline: stop there instead of queueing behind it.
                try await clock.sleep(for: .seconds(max(0, deadline.timeIntervalSince(clock.now))))
                throw deadlinePassed()
            }
            do {
                let observation = try await fetch(deadline)
                askedToWait = nil
                lastState = describe(observation)
                if case .done(let result) = try await evaluate(observation) { return result }
            } catch let error as ITwinClientError
                where error.isTransient
                || (error.apiError?.status == 404 && lastState == nil && clock.now < notFoundGraceEnds)
            {
                askedToWait = error.apiError?.retryAfter
                if case .transport = error { lastFailure = error }
                if error.apiError?.status == 404 { lastFailure = error }
            }
            if let deadline, clock.now >= deadline {
                throw deadlinePassed()
            }
        }
    }
}

extension PollingPolicy {
    /// The jittered delay before poll number `index` (0 = the first): the nominal delay reduced by up to
    /// ``jitter`` of itself, so it never exceeds the cap.
    func delay(beforePoll index: Int, unitRandom: Double) -> Duration {
        let nominal = nominalDelay(beforePoll: index).seconds
        return .seconds(nominal * (1 - jitter * min(max(unitRandom, 0), 1)))
    }
}
