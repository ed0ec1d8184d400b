// swift-tools-version: 6.0
// The `imodels` command-line tool: a separate package, so that only it (never the library) depends on
// swift-argument-parser.
import Foundation
import PackageDescription

/// A path dependency's identity is its folder's name, not its manifest's name, and the folder differs between
/// checkouts (`IModelsClient`, `wt-cli`, a CI clone): derive it from where this manifest is.
let rootPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent

let package = Package(
    name: "IModelsExamples",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "imodels", targets: ["imodels"])
    ],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Interactive `imodels auth login` only: PKCE's SHA-256, and the loopback listener for the redirect.
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.2"),
    ],
    targets: [
        .target(
            name: "IModelsCLI",
            dependencies: [
                .product(name: "IModelsClient", package: rootPackage),
                .product(name: "IModelsTesting", package: rootPackage),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "imodels",
            dependencies: [
                "IModelsCLI",
                .product(name: "IModelsClient", package: rootPackage),
                .product(name: "IModelsTesting", package: rootPackage),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "IModelsCLITests",
            dependencies: [
                "IModelsCLI",
                "imodels",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "IModelsClient", package: rootPackage),
                .product(name: "IModelsTesting", package: rootPackage),
                .product(name: "IModelsTestingTraits", package: rootPackage),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
