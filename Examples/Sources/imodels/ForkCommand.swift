import ArgumentParser
import IModelsCLI
import IModelsClient

/// `imodels fork`: forks an iModel into an iTwin and waits until the fork is ready; optionally recovers from a main
/// iModel whose elements lack FederationGuids.
struct ForkCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "fork",
        abstract: "Fork an iModel into an iTwin and wait until the fork is ready.",
        discussion: """
            A fork can be edited and merged back. Needs imodels_manage in the main iModel's iTwin and in the \
            fork's (fork is in closed preview on the platform); the tool checks the main iModel's permissions \
            before it forks. Without --preserve-history a fork has only a baseline, so --copy-named-versions copies \
            at most the version on the changeset it was forked at. If the main iModel's elements lack \
            FederationGuids, the fork ends in mainIModelIsMissingFederationGuids; with \
            --populate-federation-guids the tool then runs PopulateFederationGuids on the main iModel, deletes the \
            failed fork and forks again (waiting until completed). On the simulator the main iModel defaults to \
            the sample Bridge (try the sample "Plant (legacy)" for the FederationGuid case) and the target to \
            "Sample Copies".
            """)

    @Argument(help: ArgumentHelp("The main iModel's id.", valueName: "main-imodel-id"))
    var mainIModelId: String?

    @Option(
        name: .customLong("target-itwin"),
        help: ArgumentHelp("The iTwin that receives the fork.", valueName: "itwin-id"))
    var targetITwin: String?

    @Option(help: "The fork's name (default: the main iModel's name).")
    var name: String?

    @Option(help: "The fork's description.")
    var description: String?

    @Flag(help: "Copy the changesets one by one instead of squashing them into the baseline.")
    var preserveHistory = false

    @Flag(help: "If the main iModel lacks FederationGuids, populate them and fork again.")
    var populateFederationGuids = false

    @OptionGroup var changesets: ChangesetPointOptions
    @OptionGroup var namedVersions: CopyNamedVersionsOption
    @OptionGroup var wait: CreationWaitOptions
    @OptionGroup var global: GlobalOptions

    /// What `--populate-federation-guids` needs on the main iModel: it may run PopulateFederationGuids there, which
    /// reads and writes it.
    static let populationPreflight = PermissionPreflight(
        operation: "fork --populate-federation-guids", role: "main iModel", required: [.read, .write])

    func validate() throws {
        try TextOption.check(mainIModelId, "<main-imodel-id>")
        try TextOption.check(targetITwin, "--target-itwin")
        try TextOption.check(name, "--name", ": omit --name to keep the main iModel's name.")
        try namedVersions.check(with: wait)
        if populateFederationGuids && wait.noWait {
            throw ValidationError(
                "--populate-federation-guids waits for the fork; it cannot be combined with --no-wait.")
        }
        if populateFederationGuids && wait.milestone == .initialized {
            throw ValidationError(
                "--populate-federation-guids waits until the fork is completed; drop --until initialized.")
        }
    }

    func run() async throws {
        try await CommandRunner.run(.fork, global) { session in
            let usage = "imodels fork <main-imodel-id> --target-itwin <itwin-id>"
            let main = try session.required(mainIModelId, "the main iModel id", usage: usage) { $0.bridgeIModelId }
            let target = try session.required(targetITwin, "--target-itwin", usage: usage) { $0.targetITwinId }
            session.using(main, target)
            let started = ContinuousClock.now
            var checks: [(PermissionPreflight, String)] = [(.forkSource, main)]
            if populateFederationGuids { checks.append((ForkCommand.populationPreflight, main)) }
            try await session.requirePermissions(checks)
            let (point, namedVersion) = try await changesets.resolve(on: main, session: session)
            let copyNamedVersions = namedVersions.copyNamedVersions
            if !populateFederationGuids {
                let creation = try await session.client.iModels.fork(
                    main, into: target, name: name, description: description, upTo: point,
                    preserveHistory: preserveHistory)
                try await CreationFlow.finish(
                    kind: "fork", creation: creation, options: wait, session: session, started: started,
                    namedVersion: namedVersion, copyingNamedVersionsFrom: copyNamedVersions ? main : nil)
                return
            }
            let latest = Protected<IModelCreation?>(nil)
            let copied = Protected<NamedVersionsCopyResult?>(nil)
            let model = try await session.client.forkAndWait(
                main, into: target, name: name, description: description, upTo: point,
                preserveHistory: preserveHistory, populatingFederationGuids: true,
                copyNamedVersions: copyNamedVersions, timeout: wait.timeoutDuration
            ) { event in
                if case .namedVersionsCopied(let copy) = event {
                    copied.withLock { $0 = NamedVersionsCopyResult(copy) }
                }
                ForkEvents.show(event, session: session, latest: latest)
            }
            session.progress.finish(
                "fork \(TextFormat.shortId(model.id)): completed after \(TextFormat.seconds(session.progress.elapsed))")
            let creation = latest.withLock { $0 } ?? IModelCreation(iModelId: model.id)
            let operation = try await session.client.iModels.createOperation(of: model.id)
            let result = CreationResult(
                kind: "fork", creation: creation, milestone: "completed", iModel: model, createOperation: operation,
                elapsedSeconds: CreationFlow.seconds(since: started), namedVersion: namedVersion,
                namedVersions: copied.withLock { $0 })
            session.emit(result, text: result.text)
        }
    }
}

/// Shows the steps of `ITwinClient.forkAndWait(…populatingFederationGuids: true…)` as they happen.
///
/// The workflow reports the forks' create-operation states (`.creationUpdated`) and its runs' progress
/// (`.runUpdated`) as its waits poll.
enum ForkEvents {
    static func show(_ event: WorkflowEvent, session: Session, latest: Protected<IModelCreation?>) {
        switch event {
        case .creationAccepted(let creation):
            let again = latest.withLock { previous -> Bool in
                defer { previous = creation }
                return previous != nil
            }
            session.progress.finish()
            session.waiting(
                for: "the fork \(TerminalText.line(creation.iModelId)) to be completed",
                check: ShellWord.command("imodels", "status", creation.iModelId))
            session.note(
                "Accepted: the \(again ? "second " : "")fork is iModel \(TerminalText.line(creation.iModelId)). Waiting until it is "
                    + "completed (Ctrl-C stops waiting).")
            session.progress.begin(
                "fork \(TextFormat.shortId(creation.iModelId))", .creation(iModelId: creation.iModelId),
                pending: "in progress")
        case .populatingFederationGuids(let mainIModelId):
            // The event means the fork ended in this state: show it on the line that stays.
            session.progress.update(CreateOperation(state: .mainIModelIsMissingFederationGuids))
            session.progress.finish(session.progress.line)
            session.note(
                "The main iModel lacks FederationGuids: populating them in \(TerminalText.line(mainIModelId)).")
        case .configurationCreated(let configuration):
            session.note(
                "Created the \(TerminalText.line(configuration.transformType.rawValue)) configuration \(TerminalText.line(configuration.id))."
            )
        case .runStarted(let run):
            session.note("Started run \(TerminalText.line(run.id)).")
            session.waiting(
                for: "the PopulateFederationGuids run \(TerminalText.line(run.id)) to finish",
                check: ShellWord.command("imodels", "transformation", run.id))
            session.progress.begin("PopulateFederationGuids run \(TextFormat.shortId(run.id))", .run(id: run.id))
        case .creationUpdated(_, let operation):
            session.progress.update(operation)
        case .runUpdated(let run):
            session.progress.update(run)
        case .deletedFailedFork(let iModelId):
            session.progress.finish(session.progress.line)
            session.note("Deleted the failed fork \(TerminalText.line(iModelId)); forking again.")
        case .namedVersionsCopied(let copy):
            session.note(
                "Copied \(copy.created.count) named version(s) onto the fork; skipped \(copy.skipped.count).")
        }
    }
}
