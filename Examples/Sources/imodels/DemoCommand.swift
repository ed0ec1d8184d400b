import ArgumentParser
import Foundation
import IModelsCLI
import IModelsClient

/// `imodels demo`: the whole story in seconds on the simulator: clone an iModel up to a changeset, wait until the
/// clone is initialized and then completed, create an empty iModel, import the clone into it, print the result.
struct DemoCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Clone, wait, create an empty iModel and import the clone into it: on the simulator, in seconds.",
        discussion: """
            With no token this runs on the built-in simulator: it clones the sample Bridge as of its named version \
            "Release 1.0" (changeset 8), waits until the clone is initialized and then completed, recreates on it \
            the named versions it holds the changesets of, creates an empty iModel, imports the clone into it \
            with progress, and prints the result. With a token it creates two iModels in your account, so it does \
            so only when told where: --source-imodel and --target-itwin are then required (it deletes nothing \
            afterwards, and prints what it created).
            """)

    @Option(
        name: .customLong("source-imodel"),
        help: ArgumentHelp("With a token: the iModel to clone.", valueName: "imodel-id"))
    var sourceIModel: String?

    @Option(
        name: .customLong("target-itwin"),
        help: ArgumentHelp(
            "With a token: the iTwin to create the clone and the import target in.", valueName: "itwin-id"))
    var targetITwin: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Clone up to this changeset index (default: the simulator's sample Bridge as of its named version "
                + "\"Release 1.0\", changeset 8; else the latest)."))
    var changesetIndex: Int?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try TextOption.check(sourceIModel, "--source-imodel")
        try TextOption.check(targetITwin, "--target-itwin")
        try NumberOption.check(changesetIndex, "--changeset-index", atLeast: 0)
    }

    func run() async throws {
        try await CommandRunner.run(.demo, global) { session in
            let plan = try plan(session)
            session.using(plan.source, plan.targetITwin)
            try await DemoFlow(session: session, plan: plan).run()
        }
    }

    private func plan(_ session: Session) throws -> DemoFlow.Plan {
        if let world = session.world {
            // Changeset 8 is the sample Bridge's (it has 12); Campus has 3, so another source gets all of its own.
            let source = sourceIModel ?? world.samples.bridgeIModelId
            // Bridge's named version "Release 1.0" is on its changeset 8.
            let point: ChangesetPoint =
                changesetIndex.map { .changesetIndex($0) }
                ?? (source == world.samples.bridgeIModelId
                    ? .namedVersion(world.samples.releaseNamedVersionId) : .latest)
            return DemoFlow.Plan(
                source: source, targetITwin: targetITwin ?? world.samples.targetITwinId, point: point,
                cloneName: nil, targetName: "Demo import target")
        }
        guard let sourceIModel, let targetITwin else {
            throw ToolError.usage(
                "With an access token, `imodels demo` creates two iModels in your account, so it needs to be told "
                    + "where: imodels demo --source-imodel <imodel-id> --target-itwin <itwin-id> "
                    + "[--changeset-index <n>]. Without a token it runs on the built-in simulator.")
        }
        let stamp = TextFormat.date(Date()).replacingOccurrences(of: " UTC", with: "")
        return DemoFlow.Plan(
            source: sourceIModel, targetITwin: targetITwin,
            point: changesetIndex.map { .changesetIndex($0) } ?? .latest,
            cloneName: "imodels demo clone \(stamp)", targetName: "imodels demo target \(stamp)")
    }
}
