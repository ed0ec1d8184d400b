import ArgumentParser
import IModelsCLI
import IModelsClient

/// What `clone` and `fork` do once the service accepted the request: say so, wait (unless `--no-wait`), copy the
/// named versions (`--copy-named-versions`), print.
enum CreationFlow {
    /// `namedVersion` is the source's version the copy was made as of (`--named-version`), for the result;
    /// `copyingNamedVersionsFrom`, the source whose named versions are copied once the copy is completed.
    static func finish(
        kind: String, creation: IModelCreation, options: CreationWaitOptions, session: Session,
        started: ContinuousClock.Instant, namedVersion: NamedVersion? = nil,
        copyingNamedVersionsFrom source: String? = nil
    ) async throws {
        if options.noWait {
            session.note(
                FollowUp.accepted(kind: kind, iModelId: creation.iModelId, onSimulator: session.onSimulator))
            let result = CreationResult(
                kind: kind, creation: creation, milestone: nil, iModel: nil, createOperation: nil,
                elapsedSeconds: seconds(since: started), namedVersion: namedVersion)
            session.emit(result, text: result.text)
            return
        }
        let (model, _) = try await session.waitUntilCreated(
            creation.iModelId, kind: kind, until: options.milestone.milestone, timeout: options.timeoutDuration,
            announce: "Accepted: the \(kind) is iModel \(TerminalText.line(creation.iModelId)). Waiting until it is "
                + "\(options.milestone.rawValue) (Ctrl-C stops waiting).")
        let elapsed = seconds(since: started)
        var copied: NamedVersionsCopyResult?
        if let source {
            copied = try await copyNamedVersions(from: source, to: creation.iModelId, kind: kind, session: session)
        }
        let operation = try await session.client.iModels.createOperation(of: creation.iModelId)
        let result = CreationResult(
            kind: kind, creation: creation, milestone: options.milestone.rawValue, iModel: model,
            createOperation: operation, elapsedSeconds: elapsed, namedVersion: namedVersion, namedVersions: copied)
        session.emit(result, text: result.text)
    }

    /// Recreates the source's named versions on a completed copy (``ITwinClient/copyNamedVersions(from:to:)``) and
    /// says what it did.
    static func copyNamedVersions(from source: String, to copy: String, kind: String, session: Session)
        async throws -> NamedVersionsCopyResult
    {
        session.note("Copying the named versions of \(TerminalText.line(source)) onto the \(kind).")
        let copied = NamedVersionsCopyResult(try await session.client.copyNamedVersions(from: source, to: copy))
        session.note(copied.summary)
        return copied
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// `--copy-named-versions` of `clone` and `fork`.
struct CopyNamedVersionsOption: ParsableArguments, Sendable {
    @Flag(
        help: """
            Once the copy is completed, recreate on it the source's named versions that fall within the copied \
            changesets (same name, description and state); those it already has are skipped, so a rerun finishes \
            the job.
            """)
    var copyNamedVersions = false

    /// Refuses it with `--no-wait` and `--until initialized`: it waits until the copy is completed.
    func check(with wait: CreationWaitOptions) throws {
        guard copyNamedVersions else { return }
        if wait.noWait {
            throw ValidationError(
                "--copy-named-versions waits until the copy is completed; it cannot be combined with --no-wait.")
        }
        if wait.until == .initialized {
            throw ValidationError(
                "--copy-named-versions waits until the copy is completed (its changesets are all there only then); "
                    + "drop --until initialized.")
        }
    }
}
