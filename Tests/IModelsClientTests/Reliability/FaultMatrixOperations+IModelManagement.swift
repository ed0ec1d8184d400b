import Foundation
import IModelsTesting
import Testing

@testable import IModelsClient

/// The fault matrix's operations for managing iModels: the filtered, ordered full list, `updateIModel` (a PATCH the
/// SDK retries as idempotent), `permissions(of:)` and the permission preflight.
extension FaultMatrixTests {
    static let iModelManagementOperations: [Operation] = [
        Operation(
            name: "iModels.iModels(in:state:orderBy:as: IModel.self)", method: .get, path: "/imodels",
            retrySafe: true, repeats: true,
            run: { world, _ in
                let all = try await world.client.iModels.iModels(
                    in: world.iTwin, state: .initialized, orderBy: [.name], as: IModel.self
                ).collect()
                let expected = world.simulator.iModels(in: world.iTwin).sorted { $0.name < $1.name }.map(\.id)
                try #require(all.map(\.id) == expected, "paging found \(all.map(\.id)), not \(expected) by name")
            }),
        Operation(
            name: "iModels.updateIModel", method: .patch, path: "/imodels/*", retrySafe: true,
            run: { world, _ in
                _ = try await world.client.iModels.updateIModel(world.pier, name: "Pier 3", description: "Renamed")
                let model = world.simulator.iModel(world.pier)
                try #require(model?.name == "Pier 3" && model?.description == "Renamed", "not updated")
            }),
        Operation(
            name: "iModels.permissions", method: .get, path: "/imodels/*/permissions", retrySafe: true,
            run: { world, _ in
                let granted = try await world.client.iModels.permissions(of: world.source)
                try #require(granted.isSuperset(of: [.webView, .read, .write, .manage]), "read \(granted)")
            }),
        Operation(
            name: "iModels.missingPermissions (its iModel read)", method: .get, path: "/imodels/*", retrySafe: true,
            prepare: { world in
                world.simulator.setPermissions([.webView, .read, .write], for: matrixToken, in: world.iTwin)
                return Prepared()
            },
            run: { world, _ in
                let missing = try await world.client.iModels.missingPermissions(for: .cloneSource, on: world.source)
                try #require(missing == [.manage], "found \(missing) missing")
            }),
    ]
}
