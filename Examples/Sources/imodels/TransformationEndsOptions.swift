import ArgumentParser
import IModelsCLI
import IModelsClient

/// The source and target of a new configuration (`import`, `transform`): the two iModels, and their iTwins
/// (projects), which default to the iModels' own.
struct TransformationEndsOptions: ParsableArguments, Sendable {
    /// The ends as the configuration request names them, and the configuration's name.
    struct Ends: Sendable {
        var sourceProject: String
        var sourceIModel: String
        var targetProject: String
        var targetIModel: String
        var name: String
    }

    @Option(
        name: [.customLong("source-imodel"), .customLong("source")],
        help: ArgumentHelp("The source iModel's id.", valueName: "imodel-id"))
    var sourceIModel: String?

    @Option(
        name: [.customLong("source-project"), .customLong("source-itwin")],
        help: ArgumentHelp("The source iModel's iTwin (default: the iModel's).", valueName: "itwin-id"))
    var sourceProject: String?

    @Option(
        name: [.customLong("target-imodel"), .customLong("target")],
        help: ArgumentHelp("The target iModel's id.", valueName: "imodel-id"))
    var targetIModel: String?

    @Option(
        name: [.customLong("target-project"), .customLong("target-itwin")],
        help: ArgumentHelp("The target iModel's iTwin (default: the iModel's).", valueName: "itwin-id"))
    var targetProject: String?

    func validate() throws {
        try TextOption.check(sourceIModel, "--source-imodel")
        try TextOption.check(targetIModel, "--target-imodel")
        try TextOption.check(sourceProject, "--source-project", ": omit it to use the source iModel's iTwin.")
        try TextOption.check(targetProject, "--target-project", ": omit it to use the target iModel's iTwin.")
    }

    /// The ends: the iModels given (or on the simulator the samples `defaultSource` and `defaultTarget`), their
    /// projects and the configuration's name (`name`, else `defaultName(source, target)`), reading the iModels when
    /// a project or the name is missing.
    func resolve(
        command: String, name: String?, session: Session, defaultTarget: (SimulatorSamples) -> String,
        defaultName: (IModel, IModel) -> String
    ) async throws -> Ends {
        let usage = "imodels \(command) --source-imodel <id> --target-imodel <id>"
        let source = try session.required(sourceIModel, "--source-imodel", usage: usage) { $0.bridgeIModelId }
        let target = try session.required(targetIModel, "--target-imodel", usage: usage, sample: defaultTarget)
        session.using(source, target)
        if let sourceProject { session.claim(iModel: source, in: sourceProject, option: "--source-project") }
        if let targetProject { session.claim(iModel: target, in: targetProject, option: "--target-project") }
        var sourceProject = self.sourceProject
        var targetProject = self.targetProject
        var name = name
        if sourceProject == nil || targetProject == nil || name == nil {
            async let sourceModel = session.client.iModels.iModel(source)
            async let targetModel = session.client.iModels.iModel(target)
            let (sourceIModel, targetIModel) = try await (sourceModel, targetModel)
            sourceProject = sourceProject ?? sourceIModel.iTwinId
            targetProject = targetProject ?? targetIModel.iTwinId
            name = name ?? defaultName(sourceIModel, targetIModel)
        }
        guard let sourceProject, let targetProject, let name else {
            throw ToolError.usage(
                "The service did not say which iTwins the iModels belong to: pass --source-project and --target-project."
            )
        }
        return Ends(
            sourceProject: sourceProject, sourceIModel: source, targetProject: targetProject, targetIModel: target,
            name: name)
    }
}
