import ArgumentParser
import IModelsCLI
import IModelsClient

/// `imodels clone`: copies an iModel into an iTwin and waits until the copy is ready.
struct CloneCommand: AsyncParsableCommand, Sendable {
    static let configuration = CommandConfiguration(
        commandName: "clone",
        abstract: "Clone an iModel into an iTwin and wait until the clone is ready.",
        discussion: """
            Needs imodels_manage in the source iModel's iTwin and in the target iTwin; the tool checks the source's \
            permissions before it clones. The clone is a standalone copy (without the source's named versions \
            unless --copy-named-versions); its name defaults to the source's. On the simulator the source defaults to the sample Bridge and \
            the target to the sample iTwin "Sample Copies".
            """)

    @Argument(help: ArgumentHelp("The source iModel's id.", valueName: "source-imodel-id"))
    var sourceIModelId: String?

    @Option(
        name: .customLong("target-itwin"),
        help: ArgumentHelp("The iTwin that receives the clone.", valueName: "itwin-id"))
    var targetITwin: String?

    @Option(help: "The clone's name (default: the source's name).")
    var name: String?

    @Option(help: "The clone's description (default: the source's).")
    var description: String?

    @OptionGroup var changesets: ChangesetPointOptions
    @OptionGroup var namedVersions: CopyNamedVersionsOption
    @OptionGroup var wait: CreationWaitOptions
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        try TextOption.check(sourceIModelId, "<source-imodel-id>")
        try TextOption.check(targetITwin, "--target-itwin")
        try TextOption.check(name, "--name", ": omit --name to keep the source's name.")
        try namedVersions.check(with: wait)
    }

    func run() async throws {
        try await CommandRunner.run(.clone, global) { session in
            let usage = "imodels clone <source-imodel-id> --target-itwin <itwin-id>"
            let source = try session.required(sourceIModelId, "the source iModel id", usage: usage) {
                $0.bridgeIModelId
            }
            let target = try session.required(targetITwin, "--target-itwin", usage: usage) { $0.targetITwinId }
            session.using(source, target)
            let started = ContinuousClock.now
            try await session.requirePermissions([(.cloneSource, source)])
            let (point, namedVersion) = try await changesets.resolve(on: source, session: session)
            let creation = try await session.client.iModels.clone(
                source, into: target, name: name, description: description, upTo: point)
            try await CreationFlow.finish(
                kind: "clone", creation: creation, options: wait, session: session, started: started,
                namedVersion: namedVersion, copyingNamedVersionsFrom: namedVersions.copyNamedVersions ? source : nil)
        }
    }
}
