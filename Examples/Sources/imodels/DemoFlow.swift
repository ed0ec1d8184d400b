import Foundation
import IModelsCLI
import IModelsClient

/// The steps of `imodels demo`.
struct DemoFlow {
    /// What the demo works on.
    struct Plan {
        var source: String
        var targetITwin: String
        var point: ChangesetPoint
        /// The clone's name, or `nil` for ``cloneName(forSourceNamed:)`` of the source (read when the demo starts).
        var cloneName: String?
        var targetName: String

        /// The clone's name: the one planned, else `<source's name> (demo clone)`.
        func cloneName(forSourceNamed sourceName: String) -> String {
            cloneName ?? "\(sourceName) (demo clone)"
        }
    }

    let session: Session
    let plan: Plan

    func run() async throws {
        let client = session.client
        let start = Date()
        var steps: [DemoResult.Step] = []
        func elapsed(since date: Date) -> Double { Date().timeIntervalSince(date) }

        let source = try await client.iModels.iModel(plan.source)
        let cloneName = plan.cloneName(forSourceNamed: source.name)
        var namedVersion: NamedVersion?
        if case .namedVersion(let id) = plan.point {
            namedVersion = try await client.iModels.namedVersion(id, of: plan.source)
        }
        session.note(
            "Step 1 of 4: clone \"\(TerminalText.line(source.name))\" \(describe(plan.point, namedVersion)) as "
                + "\"\(cloneName)\".")
        let cloneStart = Date()
        let creation = try await client.iModels.clone(
            plan.source, into: plan.targetITwin, name: cloneName, upTo: plan.point)
        let (_, initialized) = try await session.waitUntilCreated(
            creation.iModelId, kind: "clone", until: .initialized, timeout: .seconds(1800), since: cloneStart,
            announce: "Accepted: the clone is iModel \(TerminalText.line(creation.iModelId)) (Ctrl-C stops waiting).")
        steps.append(DemoResult.Step(name: "clone initialized", seconds: initialized))
        let (clone, completed) = try await session.waitUntilCreated(
            creation.iModelId, kind: "clone", until: .completed, timeout: .seconds(1800), since: cloneStart)
        steps.append(DemoResult.Step(name: "clone completed", seconds: completed))
        let operation = try await client.iModels.createOperation(of: clone.id)

        session.note(
            "Step 2 of 4: recreate on the clone the named versions of \"\(TerminalText.line(source.name))\" it "
                + "holds the changesets of.")
        let copyStart = Date()
        let copied = NamedVersionsCopyResult(try await client.copyNamedVersions(from: plan.source, to: clone.id))
        session.note(copied.summary)
        steps.append(DemoResult.Step(name: "named versions copied", seconds: elapsed(since: copyStart)))

        session.note(
            "Step 3 of 4: create the empty iModel \"\(plan.targetName)\" and wait until it is initialized.")
        let createStart = Date()
        let target = try await client.iModels.createIModel(
            in: plan.targetITwin, name: plan.targetName, description: "The target of `imodels demo`")
        steps.append(DemoResult.Step(name: "target created", seconds: elapsed(since: createStart)))

        session.note("Step 4 of 4: import the clone into it (ImportIModel: configure, run, wait).")
        let importStart = Date()
        let configuration = Protected<TransformationConfiguration?>(nil)
        let request = ImportIModelConfigurationRequest(
            transformName: "Import \(clone.name) into \(target.name)", sourceProjectId: plan.targetITwin,
            sourceIModelId: clone.id, targetProjectId: plan.targetITwin, targetIModelId: target.id,
            comment: "Imported by imodels demo")
        let session = self.session
        let run = try await client.importIModel(request) { event in
            switch event {
            case .configurationCreated(let created):
                configuration.withLock { $0 = created }
                session.note("Created the ImportIModel configuration \(TerminalText.line(created.id)).")
            case .runStarted(let run):
                session.waiting(
                    for: "the import run \(TerminalText.line(run.id)) to finish",
                    check: ShellWord.command("imodels", "transformation", run.id))
                session.note("Started run \(TerminalText.line(run.id)).")
                session.progress.begin("import run \(TextFormat.shortId(run.id))", .run(id: run.id), since: importStart)
            case .runUpdated(let run):
                session.progress.update(run)
            default:
                break
            }
        }
        let imported = elapsed(since: importStart)
        session.progress.finish(
            "import run \(TextFormat.shortId(run.id)): \(ProgressLine.runState(run)) after \(TextFormat.seconds(imported))"
        )
        steps.append(DemoResult.Step(name: "import finished", seconds: imported))

        let subjects = session.world?.simulator.subjects(of: target.id).map {
            DemoResult.Subject(codeValue: $0.codeValue, userLabel: $0.userLabel, elementCount: $0.elementCount)
        }
        let result = DemoResult(
            clone: clone, clonedUpToChangesetIndex: index(of: plan.point) ?? namedVersion?.changesetIndex,
            clonedUpToChangesetId: operation.clonedFrom?.changesetId, target: target,
            configuration: configuration.withLock { $0 }, transformation: run, subjects: subjects, steps: steps,
            elapsedSeconds: elapsed(since: start), namedVersion: namedVersion, namedVersions: copied)
        session.emit(result, text: "\n" + result.text)
        if !session.onSimulator {
            session.note(
                "The demo created the iModels \(TerminalText.line(clone.id)) and \(TerminalText.line(target.id)) in iTwin \(plan.targetITwin); delete them "
                    + "when you no longer need them.")
        }
    }

    private func index(of point: ChangesetPoint) -> Int? {
        if case .changesetIndex(let index) = point { return index }
        return nil
    }

    private func describe(_ point: ChangesetPoint, _ namedVersion: NamedVersion?) -> String {
        switch point {
        case .latest: return "with all its changesets"
        case .baselineOnly: return "(baseline only)"
        case .changesetId(let id): return "up to changeset \(id)"
        case .changesetIndex(let index): return "up to changeset \(index)"
        case .namedVersion(let id):
            guard let namedVersion else { return "as of named version \(id)" }
            let changeset = namedVersion.isBaseline ? "the baseline" : "changeset \(namedVersion.changesetIndex)"
            return "as of its named version \"\(TerminalText.line(namedVersion.name))\" (\(changeset))"
        }
    }
}
