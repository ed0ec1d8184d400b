import Foundation
import IModelsTesting
import Testing

@testable import IModelsClient

/// The fault matrix's named-version operations, `ChangesetPoint.namedVersion` and creation from a template.
extension FaultMatrixTests {
    /// Seeds the source "Bridge" with three named versions (baseline "Start", "R2" on changeset 2 hidden, "R3" on
    /// changeset 3), so a list of two per page has two pages.
    private static let seedVersions: @Sendable (SimulatorFixture<MatrixSeeds>) async throws -> Prepared = { world in
        world.simulator.addNamedVersion(to: world.source, name: "Start")
        world.simulator.addNamedVersion(to: world.source, name: "R2", changesetIndex: 2, state: .hidden)
        world.simulator.addNamedVersion(to: world.source, name: "R3", changesetIndex: 3)
        return Prepared()
    }

    /// The id of the source's named version `name`.
    private static func versionId(_ world: SimulatorFixture<MatrixSeeds>, _ name: String) throws -> String {
        try #require(world.simulator.namedVersions(of: world.source).first { $0.name == name }?.id)
    }

    /// Names changeset 1 "R1" and checks the answer is that one version.
    private static let createR1: @Sendable (SimulatorFixture<MatrixSeeds>, Prepared) async throws -> Void = {
        world, _ in
        let changeset = world.simulator.changesets(of: world.source)[0].id
        let version = try await world.client.iModels.createNamedVersion(
            of: world.source, name: "R1", description: "First", changesetId: changeset)
        let made = world.simulator.namedVersions(of: world.source).filter { $0.name == "R1" }
        try #require(made.map(\.id) == [version.id], "not the one named version")
    }

    /// Creates "From template" from the source and checks the answer names it.
    private static let fromTemplate: @Sendable (SimulatorFixture<MatrixSeeds>, Prepared) async throws -> Void = {
        world, _ in
        let model = try await world.client.iModels.createIModel(
            fromTemplate: world.source, in: world.otherITwin, name: "From template", timeout: .seconds(600))
        try #require(world.simulator.iModel(model.id)?.name == "From template", "not the new iModel")
    }

    /// The versions seeded and a complete clone of the source in "Copies", named in `pendingIModel`.
    private static let versionsAndAClone: @Sendable (SimulatorFixture<MatrixSeeds>) async throws -> Prepared = {
        world in
        _ = try await seedVersions(world)
        let clone = try await world.client.cloneAndWait(world.source, into: world.otherITwin, name: "Copy")
        return Prepared(pendingIModel: clone.id)
    }

    /// Copies the named versions onto the clone and checks the copy holds each once, hidden where the source's is.
    private static let copyVersions: @Sendable (SimulatorFixture<MatrixSeeds>, Prepared) async throws -> Void = {
        world, prepared in
        _ = try await world.client.copyNamedVersions(from: world.source, to: prepared.pendingIModel)
        let onCopy = world.simulator.namedVersions(of: prepared.pendingIModel)
        try #require(onCopy.map(\.name) == ["Start", "R2", "R3"], "copied \(onCopy.map(\.name))")
        try #require(onCopy.first { $0.name == "R2" }?.state == .hidden, "R2 not hidden")
    }

    /// `missingOptionalFields` drops every member named `namedVersion` (optional as a changeset's link), which is also
    /// the envelope of a named-version answer: the answer then cannot be read, and a typed error is right.
    private static let envelopeDropped: @Sendable (MatrixFault, Mode) -> Expectation? = { fault, _ in
        fault.name == "missing optional fields" ? .typedError : nil
    }

    static let namedVersionsOperations: [Operation] = [
        Operation(
            name: "iModels.namedVersions", method: .get, path: "/imodels/*/namedversions", retrySafe: true,
            repeats: true, prepare: seedVersions,
            run: { world, _ in
                let all = try await world.client.iModels.namedVersions(of: world.source).collect()
                try #require(all.map(\.name) == ["Start", "R2", "R3"], "paging found \(all.map(\.name))")
            }),
        Operation(
            name: "iModels.namedVersion", method: .get, path: "/imodels/*/namedversions/*", retrySafe: true,
            exception: envelopeDropped, prepare: seedVersions,
            run: { world, _ in
                let version = try await world.client.iModels.namedVersion(try versionId(world, "R2"), of: world.source)
                try #require(version.name == "R2" && version.changesetIndex == 2, "not R2")
            }),
        Operation(
            name: "iModels.createNamedVersion", method: .post, path: "/imodels/*/namedversions", retrySafe: true,
            looksUp: true, exception: envelopeDropped, prepare: seedVersions, run: createR1),
        Operation(
            name: "iModels.createNamedVersion (its lookup after a lost answer)", method: .get,
            path: "/imodels/*/namedversions", retrySafe: true,
            prepare: { world in
                world.simulator.inject(.connectionLostAfterServerActs, on: .post, "/imodels/*/namedversions")
                return Prepared()
            },
            run: createR1),
        Operation(
            name: "iModels.updateNamedVersion", method: .patch, path: "/imodels/*/namedversions/*", retrySafe: true,
            exception: envelopeDropped, prepare: seedVersions,
            run: { world, _ in
                let version = try await world.client.iModels.updateNamedVersion(
                    try versionId(world, "R3"), of: world.source, description: "Third", state: .hidden)
                let stored = world.simulator.namedVersions(of: world.source).first { $0.id == version.id }
                try #require(stored?.state == .hidden && stored?.description == "Third", "not updated")
            }),
        Operation(
            name: "iModels.clone upTo a named version (reads it)", method: .get, path: "/imodels/*/namedversions/*",
            retrySafe: true, creates: Creates(iModels: 1), exception: envelopeDropped, prepare: seedVersions,
            run: { world, _ in
                let creation = try await world.client.iModels.clone(
                    world.source, into: world.otherITwin, name: "As R2", upTo: .namedVersion(try versionId(world, "R2"))
                )
                let operation = world.simulator.createOperation(of: creation.iModelId)
                let r2 = world.simulator.changesets(of: world.source)[1].id
                try #require(operation?.clonedFrom?.changesetId == r2, "not cloned up to R2")
            }),
        Operation(
            name: "iModels.createIModel(fromTemplate:)", method: .post, path: "/imodels", retrySafe: true,
            looksUp: true, creates: Creates(iModels: 1), run: fromTemplate),
        Operation(
            name: "iModels.createIModel(fromTemplate:) (polls)", method: .get, path: "/imodels/*/operations/create",
            retrySafe: true, repeats: true, creates: Creates(iModels: 1), run: fromTemplate),
        Operation(
            name: "copyNamedVersions", method: .post, path: "/imodels/*/namedversions", retrySafe: true,
            looksUp: true, exception: envelopeDropped, prepare: versionsAndAClone, run: copyVersions),
        Operation(
            name: "copyNamedVersions (reads the copy's changesets)", method: .get, path: "/imodels/*/changesets",
            retrySafe: true, prepare: versionsAndAClone, run: copyVersions),
    ]
}
