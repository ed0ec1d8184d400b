// swift-tools-version: 6.0
// The library has no package dependencies: Foundation (FoundationNetworking on Linux) and the toolchain only.
import PackageDescription

let package = Package(
    name: "IModelsClient",
    platforms: [.macOS(.v13), .iOS(.v16), .tvOS(.v16), .watchOS(.v9)],
    products: [
        .library(name: "IModelsClient", targets: ["IModelsClient"]),
        .library(name: "IModelsTesting", targets: ["IModelsTesting"]),
    ],
    targets: [
        .target(name: "IModelsClient"),
        .target(name: "IModelsTesting", dependencies: ["IModelsClient"]),
        .testTarget(
            name: "IModelsClientTests",
            dependencies: ["IModelsClient", "IModelsTesting"],
            exclude: ["Support/loopback_server.py"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "IModelsTestingTests", dependencies: ["IModelsClient", "IModelsTesting"]),
    ],
    swiftLanguageModes: [.v6]
)
