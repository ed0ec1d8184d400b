// swift-tools-version: 6.0
// The library has no package dependencies: Foundation (FoundationNetworking on Linux) and the toolchain only.
import PackageDescription

let package = Package(
    name: "IModelsClient",
    platforms: [.macOS(.v13), .iOS(.v16), .tvOS(.v16), .watchOS(.v9)],
    products: [
        .library(name: "IModelsClient", targets: ["IModelsClient"]),
        .library(name: "IModelsTesting", targets: ["IModelsTesting"]),
        // Swift Testing traits for IModelsTesting, apart from it so that an executable linking IModelsTesting (the
        // `imodels` tool's simulator) does not link the Testing library.
        .library(name: "IModelsTestingTraits", targets: ["IModelsTestingTraits"]),
    ],
    targets: [
        .target(name: "IModelsClient"),
        .target(name: "IModelsTesting", dependencies: ["IModelsClient"]),
        .target(name: "IModelsTestingTraits", dependencies: ["IModelsTesting"]),
        .testTarget(
            name: "IModelsClientTests",
            dependencies: ["IModelsClient", "IModelsTesting", "IModelsTestingTraits"],
            exclude: ["Helpers/loopback_server.py"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "IModelsTestingTests", dependencies: ["IModelsClient", "IModelsTesting", "IModelsTestingTraits"]),
        .testTarget(
            name: "IModelsTestingTraitsTests",
            dependencies: ["IModelsClient", "IModelsTesting", "IModelsTestingTraits"]),
    ],
    swiftLanguageModes: [.v6]
)
