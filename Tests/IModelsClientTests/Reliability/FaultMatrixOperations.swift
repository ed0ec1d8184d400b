import Foundation
import IModelsTesting
import Testing

@testable import IModelsClient

/// The operations of the fault matrix: every public operation with the request its faults are injected on, what it
/// may create, and how to prepare and run it.
extension FaultMatrixTests {
    // MARK: - Preparations

    private static let pendingClone: @Sendable (SimulatorFixture<MatrixSeeds>) async throws -> Prepared = { world in
        let creation = try await world.client.iModels.clone(world.source, into: world.otherITwin, name: "Pending")
        return Prepared(pendingIModel: creation.iModelId)
    }

    /// Clones the source as "Copy" in the same iTwin and checks the answer names that clone.
    private static let cloneCopy: @Sendable (SimulatorFixture<MatrixSeeds>, Prepared) async throws -> Void = {
        world, _ in
        let creation = try await world.client.iModels.clone(world.source, into: world.iTwin, name: "Copy")
        try #require(world.simulator.iModel(creation.iModelId)?.name == "Copy", "not the clone")
    }

    /// Creates the empty iModel "Empty" and checks the answer names it.
    private static let createEmpty: @Sendable (SimulatorFixture<MatrixSeeds>, Prepared) async throws -> Void = {
        world, _ in
        let model = try await world.client.iModels.createIModel(in: world.iTwin, name: "Empty")
        try #require(world.simulator.iModel(model.id)?.name == "Empty", "not the new iModel")
    }

    /// Loses the answer to the next clone after the server acted, so the SDK's lookup runs.
    private static let loseTheCloneAnswer: @Sendable (SimulatorFixture<MatrixSeeds>) async throws -> Prepared = {
        world in
        world.simulator.inject(.connectionLostAfterServerActs, on: .post, "/imodels/*/clone")
        return Prepared()
    }

    private static let importConfiguration: @Sendable (SimulatorFixture<MatrixSeeds>) async throws -> Prepared = {
        world in
        let configuration = try await world.client.transformations.createImportIModelConfiguration(
            world.importRequest())
        return Prepared(configuration: configuration.id)
    }

    private static let startedRun: @Sendable (SimulatorFixture<MatrixSeeds>) async throws -> Prepared = { world in
        var prepared = try await importConfiguration(world)
        prepared.run = try await world.client.transformations.run(configurationId: prepared.configuration).id
        return prepared
    }

    // MARK: - Operations

    /// Every public operation, each with the request it is faulted on.
    static let operations: [Operation] =
        iModelsOperations + transformationsOperations + workflows + iModelManagementOperations
        + namedVersionsOperations + configurationsOperations

    private static let iModelsOperations: [Operation] = [
        Operation(
            name: "iModels.clone", method: .post, path: "/imodels/*/clone", retrySafe: true, looksUp: true,
            creates: Creates(iModels: 1),
            run: cloneCopy),
        Operation(
            name: "iModels.clone (its lookup after a lost answer)", method: .get, path: "/imodels", retrySafe: true,
            creates: Creates(iModels: 1),
            prepare: loseTheCloneAnswer,
            run: cloneCopy),
        Operation(
            name: "iModels.clone (its lookup's create operations)", method: .get, path: "/imodels/*/operations/create",
            retrySafe: true, creates: Creates(iModels: 1),
            // Without `clonedFrom` (documented as null only for an iModel that is not a clone) the SDK cannot tell
            // its clone from another: the resend's 409 is the answer.
            exception: { fault, mode in fault.name == "missing optional fields" && mode == .always ? .typedError : nil
            },
            prepare: loseTheCloneAnswer,
            run: cloneCopy),
        Operation(
            name: "iModels.clone without a name (its lookup of the source's name)", method: .get, path: "/imodels/*",
            retrySafe: true, creates: Creates(iModels: 1),
            prepare: loseTheCloneAnswer,
            run: { world, _ in
                let creation = try await world.client.iModels.clone(world.source, into: world.otherITwin)
                try #require(world.simulator.iModel(creation.iModelId)?.name == "Bridge", "not the clone")
            }),
        Operation(
            name: "iModels.fork", method: .post, path: "/imodels/*/fork", retrySafe: true, looksUp: true,
            creates: Creates(iModels: 1),
            run: { world, _ in
                let creation = try await world.client.iModels.fork(world.source, into: world.otherITwin)
                let operation = world.simulator.createOperation(of: creation.iModelId)
                try #require(operation?.forkedFrom?.iModelId == world.source, "not the fork")
            }),
        Operation(
            name: "iModels.createIModel", method: .post, path: "/imodels", retrySafe: true, looksUp: true,
            creates: Creates(iModels: 1),
            run: createEmpty),
        Operation(
            name: "iModels.createIModel (its lookup after a lost answer)", method: .get, path: "/imodels",
            retrySafe: true, creates: Creates(iModels: 1),
            prepare: { world in
                world.simulator.inject(.connectionLostAfterServerActs, on: .post, "/imodels")
                return Prepared()
            },
            run: createEmpty),
        Operation(
            name: "iModels.createOperation", method: .get, path: "/imodels/*/operations/create", retrySafe: true,
            prepare: pendingClone,
            run: { world, prepared in _ = try await world.client.iModels.createOperation(of: prepared.pendingIModel) }
        ),
        Operation(
            name: "iModels.iModel", method: .get, path: "/imodels/*", retrySafe: true,
            run: { world, _ in
                let model = try await world.client.iModels.iModel(world.source)
                try #require(model.id == world.source && model.name == "Bridge", "not the source")
            }),
        Operation(
            name: "iModels.iModels(in:)", method: .get, path: "/imodels", retrySafe: true, repeats: true,
            run: { world, _ in
                let all = try await world.client.iModels.iModels(in: world.iTwin).collect()
                try #require(all.count == 5, "paging found \(all.count) of 5 iModels")
            }),
        Operation(
            name: "iModels.deleteIModel", method: .delete, path: "/imodels/*", retrySafe: true,
            run: { world, _ in
                try await world.client.iModels.deleteIModel(world.pier)
                try #require(world.simulator.iModel(world.pier) == nil, "not deleted")
            }),
        Operation(
            name: "iModels.changesets", method: .get, path: "/imodels/*/changesets", retrySafe: true, repeats: true,
            run: { world, _ in
                let all = try await world.client.iModels.changesets(of: world.source).collect()
                try #require(all.map(\.index) == [1, 2, 3], "paging found changesets \(all.map(\.index))")
            }),
        Operation(
            name: "iModels.changeset", method: .get, path: "/imodels/*/changesets/*", retrySafe: true,
            run: { world, _ in _ = try await world.client.iModels.changeset(.index(2), of: world.source) }),
        Operation(
            name: "iModels.latestChangeset", method: .get, path: "/imodels/*/changesets", retrySafe: true,
            run: { world, _ in _ = try await world.client.iModels.latestChangeset(of: world.source) }),
        Operation(
            name: "iModels.waitUntilCreated", method: .get, path: "/imodels/*/operations/create", retrySafe: true,
            repeats: true,
            prepare: pendingClone,
            run: { world, prepared in
                _ = try await world.client.iModels.waitUntilCreated(prepared.pendingIModel, timeout: .seconds(600))
                let state = world.simulator.createOperation(of: prepared.pendingIModel)?.state
                try #require(state == .successful, "returned before completion")
            }),
        Operation(
            name: "iModels.waitUntilCreated(.initialized)", method: .get, path: "/imodels/*", retrySafe: true,
            repeats: true,
            prepare: pendingClone,
            run: { world, prepared in
                _ = try await world.client.iModels.waitUntilCreated(
                    prepared.pendingIModel, until: .initialized, timeout: .seconds(600))
            }),
        Operation(
            name: "cloneAndWait", method: .post, path: "/imodels/*/clone", retrySafe: true, looksUp: true,
            creates: Creates(iModels: 1),
            run: { world, _ in
                _ = try await world.client.cloneAndWait(
                    world.source, into: world.otherITwin, name: "Copy", timeout: .seconds(600))
            }),
        Operation(
            name: "cloneAndWait (polls)", method: .get, path: "/imodels/*/operations/create", retrySafe: true,
            repeats: true,
            creates: Creates(iModels: 1),
            run: { world, _ in
                _ = try await world.client.cloneAndWait(
                    world.source, into: world.otherITwin, name: "Copy", timeout: .seconds(600))
            }),
        Operation(
            name: "forkAndWait", method: .post, path: "/imodels/*/fork", retrySafe: true, looksUp: true,
            creates: Creates(iModels: 1),
            run: { world, _ in
                _ = try await world.client.forkAndWait(
                    world.source, into: world.iTwin, name: "Fork", timeout: .seconds(600))
            }),
        Operation(
            name: "iModels.createOperationUpdates", method: .get, path: "/imodels/*/operations/create",
            retrySafe: true, repeats: true, prepare: pendingClone,
            run: { world, prepared in
                for try await _ in world.client.iModels.createOperationUpdates(
                    of: prepared.pendingIModel, timeout: .seconds(600))
                {}
            }),
    ]

    private static let transformationsOperations: [Operation] = [
        Operation(
            name: "transformations.createImportIModelConfiguration", method: .post,
            path: "/transformations/configurations/importimodel", retrySafe: true, looksUp: true,
            creates: Creates(configurations: 1),
            run: { world, _ in
                _ = try await world.client.transformations.createImportIModelConfiguration(world.importRequest())
            }),
        Operation(
            name: "transformations.createMergeIModelConfiguration", method: .post,
            path: "/transformations/configurations/mergeimodel", retrySafe: true, looksUp: true,
            creates: Creates(configurations: 1),
            run: { world, _ in
                _ = try await world.client.transformations.createMergeIModelConfiguration(
                    MergeIModelConfigurationRequest(
                        transformName: "Merge", sourceProjectId: world.iTwin, sourceIModelId: world.source,
                        targetProjectId: world.iTwin, targetIModelId: world.target, comment: "Merge"))
            }),
        Operation(
            name: "transformations.createPopulateFederationGuidsConfiguration", method: .post,
            path: "/transformations/configurations/populatefederationguids", retrySafe: true, looksUp: true,
            creates: Creates(configurations: 1),
            run: { world, _ in
                _ = try await world.client.transformations.createPopulateFederationGuidsConfiguration(
                    PopulateFederationGuidsConfigurationRequest(
                        transformName: "Populate", projectId: world.iTwin, iModelId: world.main, comment: "Populate"))
            }),
        Operation(
            name: "transformations.createImportIModelConfiguration (its lookup after a lost answer)", method: .get,
            path: "/transformations/configurations", retrySafe: true, creates: Creates(configurations: 1),
            prepare: { world in
                world.simulator.inject(
                    .connectionLostAfterServerActs, on: .post, "/transformations/configurations/importimodel")
                return Prepared()
            },
            run: { world, _ in
                let configuration = try await world.client.transformations.createImportIModelConfiguration(
                    world.importRequest())
                try #require(world.simulator.configurationIds == [configuration.id], "not the new configuration")
            }),
        Operation(
            name: "transformations.configuration", method: .get, path: "/transformations/configurations/*",
            retrySafe: true, prepare: importConfiguration,
            run: { world, prepared in
                _ = try await world.client.transformations.configuration(prepared.configuration)
            }),
        Operation(
            name: "transformations.configurations(inProject:)", method: .get, path: "/transformations/configurations",
            retrySafe: true, repeats: true,
            prepare: { world in
                for index in 1...3 {
                    _ = try await world.client.transformations.createImportIModelConfiguration(
                        world.importRequest(name: "Import \(index)"))
                }
                return Prepared()
            },
            run: { world, _ in
                let all = try await world.client.transformations.configurations(inProject: world.iTwin).collect()
                try #require(all.count == 3, "paging found \(all.count) of 3 configurations")
            }),
        Operation(
            name: "transformations.deleteConfiguration", method: .delete, path: "/transformations/configurations/*",
            retrySafe: true, prepare: importConfiguration,
            run: { world, prepared in
                try await world.client.transformations.deleteConfiguration(prepared.configuration)
                try #require(!world.simulator.configurationIds.contains(prepared.configuration), "not deleted")
            }),
        Operation(
            name: "transformations.run", method: .post, path: "/transformations", retrySafe: true, looksUp: true,
            creates: Creates(runs: 1), prepare: importConfiguration,
            run: { world, prepared in
                let run = try await world.client.transformations.run(configurationId: prepared.configuration)
                try requireNewRun(run, world, prepared)
            }),
        Operation(
            name: "transformations.run (its lookup after a lost answer)", method: .get, path: "/transformations",
            retrySafe: true, creates: Creates(runs: 1),
            prepare: { world in
                let prepared = try await importConfiguration(world)
                world.simulator.inject(.connectionLostAfterServerActs, on: .post, "/transformations")
                return prepared
            },
            run: { world, prepared in
                let run = try await world.client.transformations.run(configurationId: prepared.configuration)
                try requireNewRun(run, world, prepared)
            }),
        Operation(
            name: "transformations.run(enableQueueing:)", method: .post, path: "/transformations", retrySafe: true,
            looksUp: true,
            creates: Creates(runs: 1), prepare: startedRun,
            run: { world, prepared in
                let run = try await world.client.transformations.run(
                    configurationId: prepared.configuration, enableQueueing: true)
                try requireNewRun(run, world, prepared)
            }),
        Operation(
            name: "transformations.transformation", method: .get, path: "/transformations/*", retrySafe: true,
            prepare: startedRun,
            run: { world, prepared in _ = try await world.client.transformations.transformation(prepared.run) }),
        Operation(
            name: "transformations.transformations(of:)", method: .get, path: "/transformations", retrySafe: true,
            repeats: true,
            prepare: { world in
                var prepared = try await startedRun(world)
                for _ in 1...2 {
                    _ = try await world.client.transformations.run(
                        configurationId: prepared.configuration, enableQueueing: true)
                }
                return prepared
            },
            run: { world, prepared in
                let runs = try await world.client.transformations.transformations(of: prepared.configuration).collect()
                try #require(runs.count == 3, "paging found \(runs.count) of 3 runs")
            }),
        Operation(
            name: "transformations.cancel", method: .delete, path: "/transformations/*", retrySafe: true,
            prepare: startedRun,
            run: { world, prepared in
                _ = try await world.client.transformations.cancel(prepared.run)
                let status = world.simulator.transformations(of: prepared.configuration).first?.status
                try #require(status == .aborted, "not cancelled")
            }),
        Operation(
            name: "transformations.waitUntilFinished", method: .get, path: "/transformations/*", retrySafe: true,
            repeats: true,
            prepare: startedRun,
            run: { world, prepared in
                let run = try await world.client.transformations.waitUntilFinished(prepared.run, timeout: .seconds(900))
                try #require(run.id == prepared.run && run.status == .succeeded, "not the finished run")
            }),
        Operation(
            name: "transformations.transformationUpdates", method: .get, path: "/transformations/*", retrySafe: true,
            repeats: true,
            prepare: startedRun,
            run: { world, prepared in
                for try await _ in world.client.transformations.transformationUpdates(
                    of: prepared.run, timeout: .seconds(900))
                {}
            }),
    ]

    private static let workflows: [Operation] = [
        Operation(
            name: "importIModel", method: .post, path: "/transformations", retrySafe: true, looksUp: true,
            creates: Creates(configurations: 1, runs: 1),
            run: { world, _ in
                let run = try await world.client.importIModel(world.importRequest(), timeout: .seconds(900))
                try #require(world.simulator.subjects(of: world.target).count == 1, "nothing imported")
                try #require(run.status == .succeeded, "not finished")
            }),
        Operation(
            name: "importIModel(reusing:)", method: .get, path: "/transformations/*", retrySafe: true, repeats: true,
            creates: Creates(runs: 1), prepare: importConfiguration,
            run: { world, prepared in
                let run = try await world.client.importIModel(reusing: prepared.configuration, timeout: .seconds(900))
                try requireNewRun(run, world, prepared)
                try #require(world.simulator.subjects(of: world.target).count == 1, "nothing imported")
            }),
        Operation(
            name: "merge", method: .post, path: "/transformations/configurations/mergeimodel", retrySafe: true,
            looksUp: true,
            creates: Creates(configurations: 1, runs: 1),
            prepare: { world in
                let fork = try await world.client.forkAndWait(world.source, into: world.iTwin, name: "Fork")
                return Prepared(fork: fork.id)
            },
            run: { world, prepared in
                _ = try await world.client.merge(fork: prepared.fork, into: world.source, timeout: .seconds(900))
                try #require(world.simulator.merges(into: world.source) == [prepared.fork], "not merged")
            }),
        Operation(
            name: "forkAndWait(populatingFederationGuids:)", method: .delete, path: "/imodels/*", retrySafe: true,
            creates: Creates(iModels: 1, configurations: 1, runs: 1),
            run: { world, _ in
                let fork = try await world.client.forkAndWait(
                    world.main, into: world.otherITwin, name: "Fork", populatingFederationGuids: true,
                    timeout: .seconds(600))
                try #require(world.simulator.createOperation(of: fork.id)?.state == .successful, "not forked")
            }),
    ]

    /// Requires a run this call started: one the simulator holds, not the run the preparation started.
    private static func requireNewRun(
        _ run: Transformation, _ world: SimulatorFixture<MatrixSeeds>, _ prepared: Prepared
    ) throws {
        let ids = world.simulator.transformations(of: prepared.configuration).map(\.id)
        try #require(ids.contains(run.id) && run.id != prepared.run, "not the run this call started")
    }
}
